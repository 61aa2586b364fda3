import { StopChanges, type ChangeOutcome } from "../../core/apply.ts";
import { ARCHIVED_NOTICE } from "../../core/archived.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError, stopsTheRest } from "../../core/errors.ts";
import type { ChangeWriter, Skip } from "../../core/repo-action.ts";
import type { RepoRef } from "../../core/repository.ts";
import { applyIssueAction, IssueActionError, type IssueActionResult } from "./issue-action.ts";
import { decisionItem, issueNotDone, stateNotSaved, type SummaryItem } from "./messages.ts";
import type { Outcome } from "./outcomes.ts";
import { freshState, type FailedRun, type PackageState } from "./package-state.ts";
import { afterLostRace, decidePackage, type PackageDecision, type PackageFacts } from "./plan.ts";
import { StateStore, type StoredState } from "./state-store.ts";
import type { TrackedIssue } from "./tracked-issue.ts";
import { confirmTrackingIssue, listTrackingIssues } from "./tracking-issues.ts";
import { writeWithRetry } from "./write-with-retry.ts";

/** Everything record mode needs, inputs already checked. */
export interface RecordOptions {
  client: FleetClient;
  repo: RepoRef;
  outcomes: ReadonlyMap<string, Outcome>;
  run: FailedRun;
  now: number;
  threshold: number;
  label: string;
  title: string;
  stateBranch: string;
  statePath: string;
  /** Waits before a retried state write (attempt >= 2). */
  pause(attempt: number): Promise<void>;
}

/** What record mode read of the repository: every package's state and tracking issue. */
export interface RecordSnapshot {
  store: StateStore;
  /** Each package's state file as read, for the compare-and-swap of its write. */
  stored: Map<string, StoredState>;
  facts: Omit<PackageFacts, "mayOpen">[];
  /** Finds a package's tracking issue again after its state changed under this run. */
  resolveTracked(name: string, state: PackageState): Promise<TrackedIssue | undefined>;
  warnings: string[];
}

/**
 * Reads what recording one smoke run needs: whether the repository is archived and every
 * state file (one GraphQL request), then the open tracking issues, then per package that
 * counts its state and, when the listing did not show it, its tracking issue.
 */
export async function readRecord(options: RecordOptions): Promise<RecordSnapshot | Skip> {
  const { client, repo } = options;
  const store = new StateStore(client, repo, options.stateBranch, options.statePath);
  const folder = await store.readFolder();
  if (folder.archived) return { skip: ARCHIVED_NOTICE };
  const issues = await listTrackingIssues(client, repo, options.label);
  const resolveTracked = async (name: string, state: PackageState) =>
    issues.byPackage.get(name) ??
    (state.issue === null
      ? undefined
      : await confirmTrackingIssue(client, repo, state.issue, options.label, name));
  const stored = new Map<string, StoredState>();
  const facts: Omit<PackageFacts, "mayOpen">[] = [];
  for (const [name, outcome] of options.outcomes) {
    const file = folder.files.get(name);
    const counts = outcome === "success" || outcome === "failure";
    // Only a package that counts needs its state: a cancelled one's file is not even parsed.
    const s: StoredState = counts
      ? await store.load(name, file)
      : { state: freshState(name), sha: file?.sha };
    stored.set(name, s);
    const tracked = counts ? await resolveTracked(name, s.state) : undefined;
    facts.push({
      name,
      outcome,
      state: s.state,
      tracked,
      run: options.run,
      threshold: options.threshold,
      now: options.now,
    });
  }
  return { store, stored, facts, resolveTracked, warnings: issues.warnings };
}

/** What record mode's writes did, for the outputs and the row. */
export interface RecordWrites {
  opened: number[];
  commented: number[];
  closed: number[];
  /** State files written. */
  written: number;
  /** One line per package done, with the decision as finally made. */
  items: SummaryItem[];
}

/**
 * Per package, the state first and only then the issue. The state is a compare-and-swap: a
 * conflict re-reads and decides again. A state that cannot be saved stops the run (the
 * package and the rest are left unrecorded); an issue that cannot be done fails the package
 * alone, unless its cause refuses everything else too.
 */
export function recordWriter(
  options: RecordOptions,
  snapshot: RecordSnapshot,
  issueUrl: (issue: number) => string,
): ChangeWriter<PackageDecision> & { writes: RecordWrites } {
  const writes: RecordWrites = { opened: [], commented: [], closed: [], written: 0, items: [] };
  const keep = (r: IssueActionResult) => {
    if (r.opened) writes.opened.push(r.opened.number);
    if (r.commented !== undefined) writes.commented.push(r.commented);
    if (r.closed !== undefined) writes.closed.push(r.closed);
  };
  const fact = (name: string) => snapshot.facts.find((f) => f.name === name)!;
  const apply = async (planned: PackageDecision): Promise<ChangeOutcome> => {
    const first = snapshot.stored.get(planned.package)!;
    let saving;
    try {
      saving = await writeWithRetry({
        store: snapshot.store,
        name: planned.package,
        stored: first,
        decide: async (s) =>
          s === first
            ? planned
            : afterLostRace(
                decidePackage({
                  ...fact(planned.package),
                  state: s.state,
                  tracked: await snapshot.resolveTracked(planned.package, s.state),
                  mayOpen: !planned.deferred,
                }),
              ),
        message: (d) => `smoke-issue-bot: ${d.package} ${d.outcome} in run ${options.run.id}`,
        pause: options.pause,
      });
    } catch (error) {
      throw new StopChanges(stateNotSaved(planned.package, classifyError(error).message));
    }
    const { decision, written, stored: saved } = saving;
    if (written) writes.written += 1;
    try {
      const result = await applyIssueAction(options, snapshot.store, decision, saved);
      keep(result);
      writes.items.push(decisionItem(decision, false, issueUrl, result.opened));
      return "done";
    } catch (error) {
      if (error instanceof IssueActionError) keep(error.partial);
      const e = classifyError(error instanceof IssueActionError ? error.cause : error, {
        doing: `the tracking issue of ${decision.package}`,
      });
      const failure = issueNotDone(decision.package, e.message, written);
      if (stopsTheRest(e))
        throw new StopChanges(`stopped after ${decision.package}: ${e.message}`, failure);
      throw e.reworded(failure);
    }
  };
  return { apply, describe: (d) => d.package, writes };
}
