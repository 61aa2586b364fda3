import type { Octokit } from "@octokit/core";
import type { OctokitOptions } from "@octokit/core/types";
import type { Logger } from "./logger.ts";
import { CutShortAnswerError } from "./whole-body-fetch.ts";

/**
 * Failures that may pass: the connection was made and then lost, or the wait ran out. A
 * refused connection, an unknown host or a certificate the client does not trust stay the same
 * however long one waits, so those are reported at once instead of after 14 s of retries.
 */
const TRANSIENT = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Failures before a connection was made (no server, unknown host, a handshake refused): the
 * request itself was never sent. Any other failure may have happened after the server read it.
 */
const BEFORE_CONNECTING =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|ERR_TLS_.*|ERR_SSL_.*|.*CERT.*)$/;

/** A request that got no answer at all: why, in the words of the system (code included). */
export interface NetworkFailure {
  cause: string;
  transient: boolean;
  /** The connection was never made, so the server cannot have received the request. */
  neverSent: boolean;
}

type Link = { code?: unknown; message?: string; cause?: unknown } | undefined;

/**
 * The network failure behind a failed request, or undefined when the server answered (its
 * answer cut short included, or the request was refused before sending). fetch throws `TypeError: fetch failed` around the
 * system error (`connect ECONNREFUSED ...`, or a code-less one such as `bad port`), and Octokit
 * wraps that in turn.
 */
export function networkFailure(error: unknown): NetworkFailure | undefined {
  if ((error as { response?: unknown }).response !== undefined) return undefined;
  let fetchFailed = false;
  let innermost = "";
  let e = error as Link;
  for (let depth = 0; e && depth < 6; depth++) {
    // The server answered, and its answer broke off: that is not a server out of reach.
    if (e instanceof CutShortAnswerError) return undefined;
    if (typeof e.code === "string" && /^[A-Z][A-Z0-9_]+$/.test(e.code)) {
      const message = e.message ?? "";
      const cause = message.includes(e.code) ? message : `${message} (${e.code})`.trim();
      return {
        cause,
        transient: TRANSIENT.has(e.code),
        neverSent: BEFORE_CONNECTING.test(e.code),
      };
    }
    if (e instanceof TypeError && e.message === "fetch failed") fetchFailed = true;
    innermost = e.message ?? innermost;
    e = e.cause as Link;
  }
  // A code-less failure is fetch refusing the URL itself (a bad port): nothing left the machine.
  return fetchFailed ? { cause: innermost, transient: false, neverSent: true } : undefined;
}

/** What createClient tells the plugin: where the URL came from and how retries are paced. */
export interface UnreachableOptions {
  /** The REST root as the user gave it. */
  baseUrl: string;
  /** The input that set it, for the hint (`api-url`). */
  input: string;
  log: Logger;
  retries: number;
  /** Milliseconds per unit of the retry plugin's quadratic backoff. */
  backoffUnitMs: number;
}

/** A request that could not reach the server and will not be retried. */
class UnreachableError extends Error {
  override readonly name = "UnreachableError";
  /** No HTTP status: nothing answered. The retry plugin retries only statuses of 400 and up. */
  readonly status = undefined;
  constructor(
    message: string,
    /** Octokit's request options, which the retry and throttling plugins read. */
    readonly request: unknown,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/**
 * Octokit plugin, registered before retry so that it sees each failure first: a request that
 * reached no server says so ("could not reach URL: cause" and the input to check) instead of
 * passing for a 500 from GitHub; a lasting failure is not retried, and a passing one is retried
 * after saying once what is being retried and for how long.
 */
export function unreachable(octokit: Octokit, options: OctokitOptions): void {
  const o = (options as { unreachable?: UnreachableOptions }).unreachable;
  if (!o) return;
  let announced = false;
  octokit.hook.error("request", (error) => {
    const failure = networkFailure(error);
    if (!failure) throw error;
    const message = `could not reach ${o.baseUrl}: ${failure.cause}; check the ${o.input} input (--${o.input} on the command line) and that the server is up`;
    if (!failure.transient) {
      throw new UnreachableError(message, (error as { request?: unknown }).request, error);
    }
    if (!announced && o.retries > 0) {
      announced = true;
      let units = 0;
      for (let n = 1; n <= o.retries; n++) units += n * n;
      const seconds = Math.ceil((units * o.backoffUnitMs) / 1000);
      o.log.warning(
        `could not reach ${o.baseUrl}: ${failure.cause}; retrying up to ${o.retries} times over about ${seconds} s`,
      );
    }
    (error as Error).message = message;
    throw error;
  });
}
