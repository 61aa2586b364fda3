import type { Clock } from "../../core/clock.ts";
import type { Logger } from "../../core/logger.ts";
import type { Fetch } from "../../core/proxy-fetch.ts";
import { sanitizeBody } from "../../core/sanitize-body.ts";

/** How requests to the control plane are made and retried. */
export interface RequestOptions {
  token: string;
  clock: Clock;
  log: Logger;
  /** How many times a 5xx or a network failure is retried (4xx never is). */
  retries: number;
  /** Backoff before retry n is n² units. */
  backoffUnitMs: number;
  /** Give up on one attempt after this long. */
  timeoutMs: number;
  /** Makes the requests; core's proxy-aware fetch. */
  fetch: Fetch;
}

/** An answer: status, body text, and the Location of a redirect. */
export interface Answer {
  status: number;
  text: string;
  location?: string;
}

/** A request that failed; the message is safe to print (no token, body sanitized and capped). */
export class ControlPlaneError extends Error {
  override readonly name = "ControlPlaneError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The innermost cause of a fetch failure (`ECONNRESET`, `terminated`...). */
function networkCause(error: unknown): string {
  const e = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e.name === "TimeoutError") return "no answer in time";
  const cause = [e.cause?.code, e.cause?.message].filter(Boolean).join(": ");
  return cause || e.message || String(error);
}

/**
 * Sends one request with `Authorization: Bearer`, retrying 5xx answers and network failures
 * up to `retries` times with quadratic backoff; any other answer (2xx, 3xx, 4xx) is returned
 * as is. Redirects are not followed, so the token never goes to another address.
 */
export async function send(
  options: RequestOptions,
  method: "GET" | "POST",
  url: string,
  body?: unknown,
): Promise<Answer> {
  const safe = (text: string) => sanitizeBody(text, { secrets: [options.token] });
  let last = "";
  let lastStatus: number | undefined;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) {
      const wait = attempt * attempt * options.backoffUnitMs;
      options.log.info(
        `${method} ${url}: ${last}; retrying in ${wait} ms (${attempt} of ${options.retries})`,
      );
      await options.clock.sleep(wait);
    }
    try {
      const res = await options.fetch(url, {
        method,
        redirect: "manual",
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: "application/json",
          "user-agent": "fleet-pin-promote",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await res.text();
      if (res.status < 500)
        return { status: res.status, text, location: res.headers.get("location") ?? undefined };
      lastStatus = res.status;
      last = `answered ${res.status}: ${safe(text) || "(empty body)"}`;
    } catch (error) {
      lastStatus = undefined;
      last = `network error (${safe(networkCause(error))})`;
    }
  }
  const attempts = options.retries + 1;
  throw new ControlPlaneError(
    `${method} ${url} ${last} (gave up after ${attempts} attempt${attempts === 1 ? "" : "s"})`,
    lastStatus,
  );
}
