import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck/light.js";
import { Budget } from "./budget.ts";
import type { Logger } from "./logger.ts";
import { confinedFetch } from "./api-root.ts";
import { systemClock, type Clock } from "./clock.ts";
import { pacedFetch } from "./paced-fetch.ts";
import { defaultPaceSettings, Pacer, type PaceSettings } from "./pacer.ts";
import { proxyAwareFetch } from "./proxy-fetch.ts";
import { isRetrySafe } from "./retry-safe.ts";
import { unreachable, type UnreachableOptions } from "./unreachable.ts";
import { waitTooLong } from "./wait-too-long.ts";
import { wholeBodyFetch } from "./whole-body-fetch.ts";

// `unreachable` comes before `retry` so that it sees a failed request before retry decides.
const FleetOctokit = Octokit.plugin(
  restEndpointMethods,
  paginateRest,
  unreachable,
  throttling,
  retry,
);

/** The one kind of GitHub client fleet uses, with the budget its responses feed. */
export type FleetClient = InstanceType<typeof FleetOctokit> & {
  budget: Budget;
  /** The pacer of every request, when pacing is on. */
  pacer: Pacer | undefined;
};

/** Pacing and retry timings; the defaults are GitHub's guidance, tests compress them. */
export interface ClientTimings {
  /**
   * Pacing to a share of GitHub's secondary limits (see Pacer); null turns it off, for
   * servers that have none (Gitea, the simulator, a GitHub Enterprise Server without them).
   */
  pace: PaceSettings | null;
  /**
   * A fixed minimum gap between writes and GraphQL requests, on top of the pacing, with the
   * writes then sent one at a time (plugin-throttling's old 1 s rule); 0 for none.
   */
  writeIntervalMs: number;
  /** Minimum gap between search requests (2 s). */
  searchIntervalMs: number;
  /** Requests in flight at once (GitHub allows 100; 10 is the plugin's and our default). */
  concurrency: number;
  /** Milliseconds per second of `retry-after` when waiting out a limit. */
  retryAfterUnitMs: number;
  /** Milliseconds per unit of plugin-retry's quadratic backoff (1, 4, 9 units). */
  retryBackoffUnitMs: number;
  /** How many times a 5xx / network failure is retried. */
  retries: number;
  /** How many times a secondary-limit refusal is waited out. */
  secondaryLimitRetries: number;
  /** A primary-limit reset is waited for only when it is this close (seconds). */
  maxPrimaryWaitSeconds: number;
  /**
   * A secondary-limit `retry-after` is waited out only when it is this short (seconds): a
   * job does not sit out a day-long refusal four times over.
   */
  maxSecondaryWaitSeconds: number;
}

/** The timings an action's inputs set: the longest rate-limit wait. */
export type ClientLimits = Partial<Pick<ClientTimings, "maxSecondaryWaitSeconds">>;

export const defaultTimings: ClientTimings = {
  pace: defaultPaceSettings,
  writeIntervalMs: 0,
  searchIntervalMs: 2000,
  concurrency: 10,
  retryAfterUnitMs: 1000,
  retryBackoffUnitMs: 1000,
  retries: 3,
  secondaryLimitRetries: 4,
  maxPrimaryWaitSeconds: 60,
  maxSecondaryWaitSeconds: 15 * 60,
};

export interface ClientOptions {
  token: string;
  /** REST root, e.g. https://api.github.com or https://ghe.example/api/v3. */
  baseUrl?: string;
  log: Logger;
  timings?: Partial<ClientTimings>;
  userAgent?: string;
  /** Where the proxy variables (`https_proxy`, `no_proxy`...) are read; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** The input `baseUrl` came from, named when nothing answers there; `api-url` by default. */
  urlInput?: string;
  /** The clock the pacer waits on; the system's by default. */
  clock?: Clock;
}

let clientCount = 0;

/**
 * Builds an Octokit with REST methods, pagination, throttling and retries, and a Budget fed
 * from every response. Each client gets its own throttle groups: plugin-throttling's default
 * groups are process-wide, so two clients (two tokens) would otherwise pace each other.
 */
export function createClient(options: ClientOptions): FleetClient {
  const t = { ...defaultTimings, ...options.timings };
  const log = options.log;
  const budget = new Budget();
  const group = (o: Bottleneck.ConstructorOptions) => new Bottleneck.Group(o);
  clientCount += 1;
  const baseUrl = (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const clock = options.clock ?? systemClock;
  const pacer = t.pace ? new Pacer(clock, t.pace) : undefined;
  const direct = wholeBodyFetch(confinedFetch(baseUrl, proxyAwareFetch(options.env)));
  // Writes go out as the pacer allows, several at once; a fixed interval sends them one by one.
  const writes = {
    maxConcurrent: t.writeIntervalMs > 0 ? 1 : t.concurrency,
    minTime: t.writeIntervalMs,
  };
  const octokit = new FleetOctokit({
    auth: options.token,
    baseUrl,
    userAgent: options.userAgent ?? "fleet-actions",
    // Every request, a `Link` header's next page included, stays under the API root, and
    // every attempt is paced where it is really sent.
    request: { fetch: pacer ? pacedFetch(pacer, direct) : direct },
    unreachable: {
      baseUrl,
      input: options.urlInput ?? "api-url",
      log,
      retries: t.retries,
      backoffUnitMs: t.retryBackoffUnitMs,
    } satisfies UnreachableOptions,
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => log.debug(m),
      error: (m: string) => log.debug(m),
    },
    // The plugin's types omit the group overrides it reads from these options, so its version is
    // pinned exactly and client.test.ts fails if it stops honouring them.
    throttle: {
      id: `fleet-${process.pid}-${clientCount}`,
      global: group({ maxConcurrent: t.concurrency }),
      auth: group({ maxConcurrent: 1 }),
      write: group(writes),
      search: group({ maxConcurrent: 1, minTime: t.searchIntervalMs }),
      notifications: group(writes),
      retryAfterBaseValue: t.retryAfterUnitMs,
      fallbackSecondaryRateRetryAfter: 60,
      onSecondaryRateLimit: (
        retryAfter: number,
        req: { method: string; url: string },
        _o: unknown,
        retryCount: number,
      ) => {
        if (retryAfter > t.maxSecondaryWaitSeconds) {
          const until = new Date(Date.now() + retryAfter * 1000).toISOString();
          log.warning(
            `secondary rate limit on ${req.method} ${req.url}; GitHub asks for a wait of ${retryAfter}s (until ${until}), longer than the ${t.maxSecondaryWaitSeconds}s cap: not waiting`,
          );
          return false;
        }
        const retrying = retryCount < t.secondaryLimitRetries;
        log.warning(
          `secondary rate limit on ${req.method} ${req.url}; ${retrying ? `waiting ${retryAfter}s and retrying (${retryCount + 1} of ${t.secondaryLimitRetries})` : "giving up"}`,
        );
        return retrying;
      },
      onRateLimit: (
        retryAfter: number,
        req: { method: string; url: string },
        _o: unknown,
        retryCount: number,
      ) => {
        const retrying = retryCount < 1 && retryAfter <= t.maxPrimaryWaitSeconds;
        if (retrying)
          log.warning(
            `primary rate limit on ${req.method} ${req.url}; waiting ${retryAfter}s for the reset`,
          );
        return retrying;
      },
    } as ThrottlingOptions,
    retry: {
      retries: t.retries,
      retryAfterBaseValue: t.retryBackoffUnitMs,
      // 409 is a real conflict, 429 belongs to the throttling plugin: neither is retried here.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
  });
  // A create is never retried blindly: whether it landed is the action's to check (markers).
  octokit.hook.before("request", (request) => {
    // Before the body is built, a GraphQL document is still the `query` parameter.
    const query = (request as { query?: unknown }).query;
    const body = typeof query === "string" ? JSON.stringify({ query }) : undefined;
    if (!isRetrySafe(request.method, new URL(request.url, `${baseUrl}/`), body)) {
      request.request = { ...request.request, retries: 0 };
    }
  });
  octokit.hook.after("request", (response) =>
    budget.observe(response.headers as Record<string, string>),
  );
  octokit.hook.error("request", (error) => {
    budget.observe(
      (error as { response?: { headers?: Record<string, string> } }).response?.headers,
    );
    throw waitTooLong(error, t.maxSecondaryWaitSeconds, clock.now()) ?? error;
  });
  return Object.assign(octokit, { budget, pacer });
}
