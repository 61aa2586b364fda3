import { pathMatches } from "./log.ts";
import { mulberry32, type Random } from "./prng.ts";

/** What a fault does to a matching request. */
export type FaultAction =
  /** Answer with this instead of the real response. */
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Wait this long (real milliseconds), then answer normally. */
  | { delayMs: number }
  /** Drop the connection without an answer, before the server acts. */
  | { reset: true }
  /**
   * The server acts (the comment is created), then the connection drops without an answer:
   * the client cannot tell this from a reset before the write.
   */
  | { lostAnswer: true }
  /** The server acts, then answers with this status (a 502 from a proxy in front of it). */
  | { appliedThenStatus: number }
  /** Send the real response's headers and half its body, then drop the connection. */
  | { truncate: true };

/** When a matching request triggers the rule. */
export type FaultWhen =
  /** Only the n-th matching request (1-based). */
  | { nth: number }
  /** Every n-th matching request (n, 2n, 3n, ...). */
  | { every: number }
  /** Each matching request with this probability, from the simulator's seeded generator. */
  | { probability: number };

/** A fault rule; rules are tried in the order they were added. */
export interface FaultRule {
  match?: {
    method?: string;
    /** Exact path, glob (`/repos/*\/*\/issues`, `**`) or RegExp, matched against the path without query. */
    path?: string | RegExp;
    /** GraphQL operation name. */
    operation?: string;
  };
  /** Default: every matching request. */
  when?: FaultWhen;
  then: FaultAction;
  /** Stop firing after this many times. */
  times?: number;
}

interface LiveRule {
  rule: FaultRule;
  seen: number;
  fired: number;
}

/** A request as fault rules see it. */
export interface FaultTarget {
  method: string;
  path: string;
  operation?: string;
}

/** The fault rules of one simulator. */
export class Faults {
  private rules: LiveRule[] = [];
  private readonly random: Random;

  constructor(seed: number) {
    this.random = mulberry32(seed ^ 0x5eed);
  }

  /** Adds a rule after the existing ones. */
  add(rule: FaultRule): void {
    validate(rule);
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /**
   * The faults a request triggers: every firing delay, then at most one answer-changing action
   * (the first rule that fires). Each matching rule counts the request toward its `when`.
   */
  pick(target: FaultTarget): {
    delayMs: number;
    action?: Exclude<FaultAction, { delayMs: number }>;
  } {
    let delayMs = 0;
    let action: Exclude<FaultAction, { delayMs: number }> | undefined;
    for (const live of this.rules) {
      if (!ruleMatches(live.rule, target)) continue;
      live.seen += 1;
      if (live.rule.times !== undefined && live.fired >= live.rule.times) continue;
      if (action && !("delayMs" in live.rule.then)) continue;
      if (!this.fires(live)) continue;
      live.fired += 1;
      const then = live.rule.then;
      if ("delayMs" in then) delayMs += then.delayMs;
      else action = then;
    }
    return { delayMs, action };
  }

  private fires(live: LiveRule): boolean {
    const when = live.rule.when;
    if (when === undefined) return true;
    if ("nth" in when) return live.seen === when.nth;
    if ("every" in when) return live.seen % when.every === 0;
    return this.random() < when.probability;
  }
}

function ruleMatches(rule: FaultRule, t: FaultTarget): boolean {
  const m = rule.match;
  if (!m) return true;
  if (m.method !== undefined && m.method.toUpperCase() !== t.method) return false;
  if (m.path !== undefined && !pathMatches(m.path, t.path)) return false;
  if (m.operation !== undefined && m.operation !== t.operation) return false;
  return true;
}

function validate(rule: FaultRule): void {
  const w = rule.when;
  if (w && "nth" in w && !(Number.isInteger(w.nth) && w.nth >= 1))
    throw new Error(`fault rule: when.nth must be an integer >= 1, found ${w.nth}`);
  if (w && "every" in w && !(Number.isInteger(w.every) && w.every >= 1))
    throw new Error(`fault rule: when.every must be an integer >= 1, found ${w.every}`);
  if (w && "probability" in w && !(w.probability >= 0 && w.probability <= 1))
    throw new Error(`fault rule: when.probability must be within [0, 1], found ${w.probability}`);
}
