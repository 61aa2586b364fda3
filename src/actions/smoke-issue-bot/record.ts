import { archivedResult } from "../../core/archived.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError, stopsTheRest } from "../../core/errors.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { WebLinks } from "../../core/web-links.ts";
import { applyIssueAction, IssueActionError } from "./issue-action.ts";
import type { Outcome } from "./outcomes.ts";
import { freshState, type FailedRun, type PackageState } from "./package-state.ts";
import { decidePackage, planRecord, type PackageDecision, type PackageFacts } from "./plan.ts";
import { changes, RecordReporter, type RecordReport } from "./record-report.ts";
import { StateStore, type StoredState } from "./state-store.ts";
import { confirmTrackingIssue, listTrackingIssues } from "./tracking-issues.ts";
import { writeWithRetry } from "./write-with-retry.ts";

/** Everything record mode needs, inputs already checked. */
export interface RecordOptions {
  client: FleetClient;
  repo: RepoRef;
  outcomes: ReadonlyMap<string, Outcome>;
  run: FailedRun;
  now: number;
  dryRun: boolean;
  threshold: number;
  label: string;
  title: string;
  stateBranch: string;
  statePath: string;
  maxIssues: number;
  minRemaining: number;
  /** Where the summary's issue links point. */
  links: WebLinks;
  /** Waits before a retried state write (attempt >= 2). */
  pause(attempt: number): Promise<void>;
}

/**
 * Records one smoke run: reads whether the repository is archived and every state file (one
 * GraphQL request), then the open tracking issues, decides every package, then per package
 * writes the state first and only then touches the issue.
 */
export async function record(o: RecordOptions): Promise<RecordReport> {
  const { client, repo } = o;
  const store = new StateStore(client, repo, o.stateBranch, o.statePath);
  const folder = await store.readFolder();
  if (folder.archived)
    return { result: archivedResult(repo.fullName), opened: [], commented: [], closed: [] };
  const issues = await listTrackingIssues(client, repo, o.label);
  const resolveTracked = async (name: string, state: PackageState) =>
    issues.byPackage.get(name) ??
    (state.issue === null
      ? undefined
      : await confirmTrackingIssue(client, repo, state.issue, o.label, name));

  const stored = new Map<string, StoredState>();
  const facts: Omit<PackageFacts, "mayOpen">[] = [];
  for (const [name, outcome] of o.outcomes) {
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
      run: o.run,
      threshold: o.threshold,
      now: o.now,
    });
  }
  const decisions = planRecord(facts, o.maxIssues);

  const report = new RecordReporter(o, decisions, issues.warnings);
  if (o.dryRun) return report.dryRun();

  for (const [index, planned] of decisions.entries()) {
    if (!changes(planned)) continue;
    if (report.stopped) {
      report.leftUndone(planned.package);
      continue;
    }
    if (!client.budget.allows(o.minRemaining)) {
      report.stop(
        `rate-limit floor reached (${client.budget.get()?.remaining} requests left, min-remaining ${o.minRemaining})`,
        false,
      );
      report.leftUndone(planned.package);
      continue;
    }
    const fact = facts[index]!;
    let decision: PackageDecision;
    let written: boolean;
    let saved: StoredState;
    try {
      ({
        decision,
        written,
        stored: saved,
      } = await writeWithRetry({
        store,
        name: planned.package,
        stored: stored.get(planned.package)!,
        decide: async (s) =>
          s === stored.get(planned.package)
            ? planned
            : decidePackage({
                ...fact,
                state: s.state,
                tracked: await resolveTracked(planned.package, s.state),
                mayOpen: !planned.deferred,
              }),
        message: (d) => `smoke-issue-bot: ${d.package} ${d.outcome} in run ${o.run.id}`,
        pause: o.pause,
      }));
    } catch (error) {
      const e = classifyError(error);
      report.stop(
        `${planned.package}: ${e.message}; its state is unchanged and its issue untouched`,
        true,
      );
      report.leftUndone(planned.package);
      continue;
    }
    try {
      report.done(decision, written, await applyIssueAction(o, store, decision, saved));
    } catch (error) {
      if (error instanceof IssueActionError) report.record(error.partial);
      const e = classifyError(error instanceof IssueActionError ? error.cause : error, {
        doing: `the tracking issue of ${decision.package}`,
      });
      report.failed(decision, written, e.message);
      if (stopsTheRest(e)) report.stop(`stopped after ${decision.package}: ${e.message}`, true);
    }
  }
  return report.finish();
}
