import type { RepoResult } from "../../core/report.ts";
import type { IssueActionResult } from "./issue-action.ts";
import type { PackageDecision } from "./plan.ts";
import type { RecordOptions } from "./record.ts";

/** Record mode's row and outputs. `opened` has `null` for an issue a dry run would open. */
export interface RecordReport {
  result: RepoResult;
  opened: (number | null)[];
  commented: number[];
  closed: number[];
}

/** Whether a decision changes anything (the state, the issue, or both). */
export const changes = (d: PackageDecision) => d.next !== undefined || d.action.kind !== "none";

/** Collects what happened to each package into the repository's row and the outputs. */
export class RecordReporter {
  private readonly opened: (number | null)[] = [];
  private readonly commented: number[] = [];
  private readonly closed: number[] = [];
  /** Why the remaining packages were not attempted, once something stopped the run. */
  stopped: string | undefined;
  private stoppedFails = false;
  private readonly left: string[] = [];
  private readonly errors: string[] = [];
  private readonly items: { text: string; url?: string }[] = [];
  private written = 0;
  private doneCount = 0;

  constructor(
    private readonly o: RecordOptions,
    private readonly decisions: PackageDecision[],
    private readonly warnings: string[],
  ) {}

  private issueUrl(n: number) {
    return this.o.links.issue(this.o.repo.fullName, n);
  }

  private describe(
    d: PackageDecision,
    dry: boolean,
    opened?: { number: number; url: string },
  ): { text: string; url?: string } {
    const n = d.next?.failures;
    const head =
      d.outcome === "failure"
        ? `${d.package}: failure${n === undefined ? "" : `, ${n} in a row`}`
        : `${d.package}: ${d.outcome}`;
    const a = d.action;
    const notes = d.notes.length > 0 ? ` (${d.notes.join("; ")})` : "";
    if (a.kind === "open")
      return opened === undefined
        ? { text: `${head}: would open a tracking issue${notes}` }
        : { text: `${head}: opened #${opened.number}${notes}`, url: this.issueUrl(opened.number) };
    if (a.kind === "comment")
      return {
        text: `${head}: ${dry ? "would comment" : "commented"} on #${a.issue}${notes}`,
        url: this.issueUrl(a.issue),
      };
    if (a.kind === "close")
      return {
        text: `${head}: ${dry ? "would close" : "closed"} #${a.issue}${notes}`,
        url: this.issueUrl(a.issue),
      };
    const what = d.next === undefined ? "no change" : `state ${dry ? "would be " : ""}saved`;
    return { text: `${head}: ${what}${notes}` };
  }

  /** Stops the run: `fails` makes it an error, otherwise a warning (the rate-limit floor). */
  stop(reason: string, fails: boolean): void {
    this.stopped = reason;
    this.stoppedFails = fails;
  }

  /** A package not attempted (or whose state could not be saved). */
  leftUndone(pkg: string): void {
    this.left.push(pkg);
  }

  done(d: PackageDecision, written: boolean, r: IssueActionResult): void {
    if (written) this.written += 1;
    this.doneCount += 1;
    this.record(r);
    this.items.push(this.describe(d, false, r.opened));
  }

  /** What an issue action did, also when a later step of it failed. */
  record(r: IssueActionResult): void {
    if (r.opened) this.opened.push(r.opened.number);
    if (r.commented !== undefined) this.commented.push(r.commented);
    if (r.closed !== undefined) this.closed.push(r.closed);
  }

  failed(d: PackageDecision, written: boolean, error: string): void {
    if (written) this.written += 1;
    this.errors.push(
      `${d.package}: ${error}${written ? " (its state was saved: the next run picks up from it)" : ""}`,
    );
  }

  dryRun(): RecordReport {
    for (const d of this.decisions) {
      if (d.next !== undefined) this.written += 1;
      const a = d.action;
      if (a.kind === "open") this.opened.push(null);
      if (a.kind === "comment") this.commented.push(a.issue);
      if (a.kind === "close") this.closed.push(a.issue);
      if (changes(d)) this.doneCount += 1;
      if (changes(d) || d.notes.length > 0) this.items.push(this.describe(d, true));
    }
    return this.finish();
  }

  finish(): RecordReport {
    const o = this.o;
    for (const d of this.decisions)
      if (!changes(d) && d.notes.length > 0 && !o.dryRun) this.items.push(this.describe(d, false));
    const planned = this.decisions.filter(changes).length;
    const deferred = this.decisions.filter((d) => d.deferred).length;
    const warnings = [...this.warnings];
    if (deferred > 0)
      warnings.push(
        `reached max-issues (${o.maxIssues}); ${deferred} tracking issue(s) left for a later failing run`,
      );
    const errors = [...this.errors];
    if (this.stopped !== undefined && this.left.length > 0) {
      const undone = `${this.left.length} package(s) left unrecorded: ${this.left.join(", ")}`;
      if (this.stoppedFails) errors.push(`${this.stopped}; ${undone}`);
      else warnings.push(`${this.stopped}; ${undone} for the next run`);
    }
    const status =
      errors.length > 0 ? "failed" : deferred > 0 || this.left.length > 0 ? "capped" : "ok";
    return {
      result: {
        repository: o.repo.fullName,
        status,
        planned,
        done: this.doneCount,
        left: this.left.length + deferred,
        counts: {
          opened: this.opened.length,
          commented: this.commented.length,
          closed: this.closed.length,
          written: this.written,
        },
        items: this.items,
        ...(errors.length > 0 ? { error: errors.join("\n") } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
      },
      opened: this.opened,
      commented: this.commented,
      closed: this.closed,
    };
  }
}
