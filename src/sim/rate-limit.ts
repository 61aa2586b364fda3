import type { SimClock, SimToken } from "./state.ts";

/** GitHub's secondary limits (documented values are the defaults). */
export interface SecondaryLimits {
  /** Requests in flight at once, per token. */
  concurrent: number;
  /** Points per minute per REST endpoint (method + route), per token. */
  restPointsPerMinute: number;
  /** Points a REST write costs (reads cost 1). */
  restWritePoints: number;
  /** GraphQL points per minute, per token. */
  graphqlPointsPerMinute: number;
  /** Points a GraphQL mutation costs (queries cost 1). */
  graphqlMutationPoints: number;
  /** Content-creating requests (issues, comments, commits) per minute. */
  contentPerMinute: number;
  /** Content-creating requests per hour. */
  contentPerHour: number;
  /**
   * Whether each content-creating mutation of a batched (aliased) GraphQL request counts as
   * one content-creating request. GitHub documents the points per request (a request with
   * mutations costs 5) and is silent on content in batches: true, the default, is the safe
   * reading; false counts the request once.
   */
  countMutationAliasesAsContent: boolean;
  /**
   * How long the simulator's minute lasts, in its clock's milliseconds (an hour is sixty of
   * them): benches compress time this way, GitHub's budgets unchanged.
   */
  minuteMs: number;
  /**
   * How a refusal is answered: GitHub sends 403 or 429, with or without `retry-after`;
   * `mixed` takes the four shapes in turn, so a client's every path is exercised.
   */
  refusal: RefusalShape | "mixed";
}

/** One shape of GitHub's secondary-limit refusal. */
export type RefusalShape = "403 retry-after" | "429 retry-after" | "403" | "429";
const SHAPES: readonly RefusalShape[] = ["403 retry-after", "429 retry-after", "403", "429"];

export const defaultSecondaryLimits: SecondaryLimits = {
  concurrent: 100,
  restPointsPerMinute: 900,
  restWritePoints: 5,
  graphqlPointsPerMinute: 2000,
  graphqlMutationPoints: 5,
  contentPerMinute: 80,
  contentPerHour: 500,
  countMutationAliasesAsContent: true,
  minuteMs: 60_000,
  refusal: "403 retry-after",
};

/**
 * Which limits the simulator enforces. Primary (hourly, per token) is on by default;
 * secondary limits are off unless asked for, so tests that do not study pacing need none.
 */
export interface LimitOptions {
  primary?: boolean;
  secondary?: boolean | Partial<SecondaryLimits>;
}

/** The two primary budgets. */
export type RateResource = "core" | "graphql";

/** A budget's state as the `x-ratelimit-*` headers and `GET /rate_limit` report it. */
export interface RateState {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
  resource: RateResource;
}

/** What a request costs against the secondary limits. */
export type SecondaryCost =
  | { kind: "rest"; endpoint: string; write: boolean; content: boolean }
  | {
      kind: "graphql";
      mutation: boolean;
      /** Content-creating mutation fields in the request, aliases counted (default 0). */
      contentCreating?: number;
    };

const HOUR = 3_600_000;

/** Whose secondary limits a request draws on: its App's, shared by all its tokens, or its own. */
const identity = (token: SimToken) => (token.app ? `app:${token.app}` : token.token);

interface Window {
  start: number;
  used: number;
}

/** Primary and secondary rate limiting on the simulator's clock. */
export class RateLimiter {
  primaryOn: boolean;
  secondary: SecondaryLimits | null;
  private readonly windows = new Map<string, Window>();
  private readonly inFlight = new Map<string, number>();
  private refusals = 0;

  constructor(
    private readonly clock: SimClock,
    options: LimitOptions = {},
  ) {
    this.primaryOn = true;
    this.secondary = null;
    this.configure(options);
  }

  /** Changes which limits apply (and their numbers) from now on. */
  configure(options: LimitOptions): void {
    if (options.primary !== undefined) this.primaryOn = options.primary;
    if (options.secondary !== undefined) {
      this.secondary =
        options.secondary === false
          ? null
          : {
              ...defaultSecondaryLimits,
              ...(options.secondary === true ? {} : options.secondary),
            };
    }
  }

  /** Forgets all spent budgets (new windows start with the next request). */
  reset(): void {
    this.windows.clear();
  }

  private window(key: string, length: number): Window {
    const now = this.clock.now();
    let w = this.windows.get(key);
    if (!w || now >= w.start + length) {
      w = { start: now, used: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  /** The token's primary budget for `resource`. */
  primary(token: SimToken, resource: RateResource): RateState {
    const w = this.window(`primary:${resource}:${token.token}`, HOUR);
    const limit = token.hourlyLimit;
    return {
      limit,
      used: w.used,
      remaining: Math.max(0, limit - w.used),
      reset: Math.ceil((w.start + HOUR) / 1000),
      resource,
    };
  }

  /** Whether the primary budget is spent (always false when primary limits are off). */
  exhausted(token: SimToken, resource: RateResource): boolean {
    return this.primaryOn && this.primary(token, resource).remaining <= 0;
  }

  /** Spends `points` of the primary budget. */
  charge(token: SimToken, resource: RateResource, points: number): void {
    this.window(`primary:${resource}:${token.token}`, HOUR).used += points;
  }

  /** Marks a request in flight; call `leave` when it is answered. */
  enter(token: SimToken): void {
    this.inFlight.set(identity(token), (this.inFlight.get(identity(token)) ?? 0) + 1);
  }

  leave(token: SimToken): void {
    this.inFlight.set(identity(token), (this.inFlight.get(identity(token)) ?? 1) - 1);
  }

  /** The shape of the next secondary-limit refusal. */
  nextRefusal(): RefusalShape {
    const refusal = this.secondary?.refusal ?? defaultSecondaryLimits.refusal;
    return refusal === "mixed" ? SHAPES[this.refusals++ % SHAPES.length]! : refusal;
  }

  /**
   * Checks and, when allowed, spends the secondary limits for one request. Returns the
   * seconds to wait (`retry-after`) when refused, or null.
   */
  secondaryCheck(token: SimToken, cost: SecondaryCost): number | null {
    const s = this.secondary;
    if (!s) return null;
    const who = identity(token);
    const MINUTE = s.minuteMs;
    const HOUR = 60 * s.minuteMs;
    if ((this.inFlight.get(who) ?? 0) > s.concurrent) return 1;
    const charges: [Window, number, number, number][] = [];
    // REST and GraphQL share the content-creation windows: both create the same content.
    const content = (count: number) => {
      if (count === 0) return;
      charges.push([this.window(`content-m:${who}`, MINUTE), count, s.contentPerMinute, MINUTE]);
      charges.push([this.window(`content-h:${who}`, HOUR), count, s.contentPerHour, HOUR]);
    };
    if (cost.kind === "rest") {
      const points = cost.write ? s.restWritePoints : 1;
      const w = this.window(`rest:${who}:${cost.endpoint}`, MINUTE);
      charges.push([w, points, s.restPointsPerMinute, MINUTE]);
      content(cost.content ? 1 : 0);
    } else {
      const points = cost.mutation ? s.graphqlMutationPoints : 1;
      const w = this.window(`graphql:${who}`, MINUTE);
      charges.push([w, points, s.graphqlPointsPerMinute, MINUTE]);
      // With the safe reading, batching content-creating mutations does not slip past the limits.
      const created = cost.contentCreating ?? 0;
      content(s.countMutationAliasesAsContent ? created : Math.min(1, created));
    }
    // In the simulator's seconds: a sixtieth of its minute.
    let wait = 0;
    for (const [w, points, limit, length] of charges) {
      if (w.used + points > limit)
        wait = Math.max(wait, Math.ceil((w.start + length - this.clock.now()) / (MINUTE / 60)));
    }
    if (wait > 0) return wait;
    for (const [w, points] of charges) w.used += points;
    return null;
  }
}

/** The `x-ratelimit-*` headers for a budget. */
export function rateHeaders(r: RateState): Record<string, string> {
  return {
    "x-ratelimit-limit": String(r.limit),
    "x-ratelimit-remaining": String(r.remaining),
    "x-ratelimit-used": String(r.used),
    "x-ratelimit-reset": String(r.reset),
    "x-ratelimit-resource": r.resource,
  };
}
