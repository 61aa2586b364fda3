import type { Clock } from "./clock.ts";
import { githubPaceRules, type PaceRules, type RequestCost } from "./pace-rules.ts";

// A client paced to its share of GitHub's secondary limits. Each rule is a sliding window:
// what was spent in the last minute (or hour) plus the next request must fit the ceiling, so
// no window of that length ever holds more, whatever the start (a token bucket would let a
// full burst and a full refill through in one minute).

/** How a client is paced: GitHub's rules, its share of them, and how long a "minute" is. */
export interface PaceSettings {
  rules: PaceRules;
  /** How many jobs share the identity's limits; each gets 1/share of every ceiling. */
  share: number;
  /** A minute's length in milliseconds (60,000; benches compress time). */
  minuteMs: number;
  /**
   * How much longer than a minute (or an hour) each window is kept, as a fraction: GitHub
   * counts requests when they arrive, and a burst that left late can arrive closer to the
   * next one than it left.
   */
  margin: number;
}

export const defaultPaceSettings: PaceSettings = {
  rules: githubPaceRules,
  share: 1,
  minuteMs: 60_000,
  margin: 0.02,
};

interface Spend {
  at: number;
  amount: number;
}

/** One ceiling over a sliding window. */
class SlidingWindow {
  private readonly spends: Spend[] = [];
  private spent = 0;

  constructor(
    readonly ceiling: number,
    readonly lengthMs: number,
  ) {}

  private forget(now: number): void {
    while (this.spends.length > 0 && this.spends[0]!.at <= now - this.lengthMs) {
      this.spent -= this.spends.shift()!.amount;
    }
  }

  /** How long from `now` until `amount` fits (0 when it does now). */
  waitFor(amount: number, now: number): number {
    if (amount === 0) return 0;
    this.forget(now);
    let excess = this.spent + amount - this.ceiling;
    if (excess <= 0) return 0;
    for (const spend of this.spends) {
      excess -= spend.amount;
      if (excess <= 0) return spend.at + this.lengthMs - now;
    }
    // More than the ceiling on its own: it goes alone, once the window is empty.
    const last = this.spends.at(-1);
    return last ? last.at + this.lengthMs - now : 0;
  }

  record(amount: number, now: number): void {
    if (amount === 0) return;
    this.spends.push({ at: now, amount });
    this.spent += amount;
  }
}

/** What contentTurn answers when the hour's share cannot hold a batch: nothing was run. */
export const HOUR_SPENT = Symbol("hour spent");

/** A content-creating request that would wait for the hour's window; nothing was sent. */
export class HourSpentError extends Error {
  override readonly name = "HourSpentError";
}

/** The HourSpentError behind a failed request (Octokit wraps what fetch threw), if any. */
export function hourSpent(error: unknown): HourSpentError | undefined {
  let e = error as { cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 6; depth++) {
    if (e instanceof HourSpentError) return e;
    e = e.cause as { cause?: unknown } | undefined;
  }
  return undefined;
}

/**
 * Paces requests to a share of GitHub's secondary limits: `acquire(cost)` resolves when the
 * request may be sent (every window has room and a concurrency slot is free) and records its
 * cost; `release()` frees the slot when the answer is in.
 */
export class Pacer {
  private readonly rest: SlidingWindow;
  private readonly graphql: SlidingWindow;
  private readonly contentMinute: SlidingWindow;
  private readonly contentHour: SlidingWindow;
  private readonly slots: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  // Acquisitions are served one at a time, in order, so none jumps the queue of a window.
  private queue: Promise<void> = Promise.resolve();
  // Batches of content-creating changes, one at a time (see contentTurn).
  private contentQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    readonly settings: PaceSettings = defaultPaceSettings,
  ) {
    const { rules, share, margin } = settings;
    const minute = Math.ceil(settings.minuteMs * (1 + margin));
    const part = (n: number) => Math.max(1, Math.floor(n / share));
    this.rest = new SlidingWindow(part(rules.restPointsPerMinute), minute);
    this.graphql = new SlidingWindow(part(rules.graphqlPointsPerMinute), minute);
    this.contentMinute = new SlidingWindow(part(rules.contentPerMinute), minute);
    this.contentHour = new SlidingWindow(part(rules.contentPerHour), 60 * minute);
    this.slots = part(rules.concurrent);
  }

  /** How long a request of `cost` would wait for the windows now (0: it could go at once). */
  private waitFor(cost: RequestCost): number {
    const now = this.clock.now();
    return Math.max(
      this.rest.waitFor(cost.restPoints, now),
      this.graphql.waitFor(cost.graphqlPoints, now),
      this.contentMinute.waitFor(cost.content, now),
      this.contentHour.waitFor(cost.content, now),
    );
  }

  /** Content-creating requests this share may make in an hour. */
  get contentPerHour(): number {
    return this.contentHour.ceiling;
  }

  /**
   * Runs `work`, a batch of changes that makes `content` content-creating requests, when no
   * other such batch of this job is running, and only if the hour's share still holds them;
   * otherwise resolves HOUR_SPENT without running it. One batch at a time, so that two
   * repositories cannot both count on the same room and each be cut off halfway.
   */
  async contentTurn<T>(content: number, work: () => Promise<T>): Promise<T | typeof HOUR_SPENT> {
    const previous = this.contentQueue;
    let finished!: () => void;
    this.contentQueue = new Promise<void>((resolve) => (finished = resolve));
    await previous;
    try {
      return this.hourIsSpentFor(content) ? HOUR_SPENT : await work();
    } finally {
      finished();
    }
  }

  /**
   * Whether `content` content-creating requests would have to wait for the hour's window:
   * longer than two of the pacer's minutes, where the minute's window never holds a request.
   * A job then stops with the rest left for the next run, rather than sit out the hour.
   */
  private hourIsSpentFor(content: number): boolean {
    const now = this.clock.now();
    return content > 0 && this.contentHour.waitFor(content, now) > 2 * this.settings.minuteMs;
  }

  /** Resolves when a request of `cost` may be sent, having recorded it. */
  acquire(cost: RequestCost): Promise<void> {
    const turn = this.queue.then(async () => {
      // A job does not sit out the hour: the request is refused, and the change that needed it
      // is left for the next run (see applyChanges).
      if (this.hourIsSpentFor(cost.content)) {
        throw new HourSpentError(
          `this job's share of GitHub's content-creating requests for the hour (${this.contentPerHour}) is spent`,
        );
      }
      for (let wait = this.waitFor(cost); wait > 0; wait = this.waitFor(cost)) {
        await this.clock.sleep(wait);
      }
      await this.slot();
      const now = this.clock.now();
      this.rest.record(cost.restPoints, now);
      this.graphql.record(cost.graphqlPoints, now);
      this.contentMinute.record(cost.content, now);
      this.contentHour.record(cost.content, now);
    });
    // The next acquisition waits for this one to be served, not for it to succeed: a failed
    // wait is the caller's to handle, and must not stall every request after it.
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private slot(): Promise<void> {
    if (this.inFlight < this.slots) {
      this.inFlight++;
      return Promise.resolve();
    }
    // The slot passes straight from the request that frees it (release), so inFlight stays.
    return new Promise<void>((granted) => this.waiting.push(() => granted()));
  }

  /** Frees the concurrency slot of a request whose answer is in (or that failed). */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}
