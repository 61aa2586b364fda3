import { defineRepoAction, type RunContext } from "../../core/repo-action.ts";
import { confirmWindows } from "./confirm-windows.ts";
import { runDeleter } from "./deleter.ts";
import { readRepository } from "./github.ts";
import { planOptions, schema } from "./inputs.ts";
import { PER_PAGE } from "./list-runs.ts";
import {
  byWorkflowTable,
  deletedBy,
  errorLine,
  skipItems,
  unreachableWarnings,
} from "./messages.ts";
import { planCleanup, type PlanOptions } from "./plan.ts";

/** Repositories worked on at once; one token, one client, so they share its pacing. */
const REPO_CONCURRENCY = 3;

/** Leaves room in each window's page for runs that complete after the first listing. */
const WINDOW_TARGET = PER_PAGE - 10;

/** What every repository's cleanup shares. */
interface CleanupContext extends RunContext {
  plan: PlanOptions;
}

/** cleanup-runs: prune completed workflow runs by conclusion across repositories. */
export const action = defineRepoAction({
  name: "cleanup-runs",
  title: "Cleanup runs",
  schema,
  concurrency: REPO_CONCURRENCY,
  capInput: "max-deletes",
  setup: (inputs, deps, base): CleanupContext => ({
    ...base,
    plan: planOptions(inputs, deps.clock.now()),
  }),
  read: (repo, context) => readRepository(context.client, repo),
  plan(snapshot, context) {
    const plan = planCleanup(snapshot.workflows, snapshot.runs, context.plan);
    const completed = snapshot.runs
      .filter((r) => r.status === "completed")
      .map((r) => Date.parse(r.createdAt));
    const windows = confirmWindows(plan.candidates, completed, WINDOW_TARGET);
    return { ...plan, changes: plan.candidates, windows };
  },
  writer: (repo, plan, context) =>
    runDeleter(context.client, repo, plan.windows, context.plan.conclusions, context.floor),
  dryRunColumns: { deleted: "would delete", skipped: "would skip" },
  row: ({ plan, report, writer }) => ({
    counts: {
      listed: plan.listed,
      protected: plan.protected,
      candidates: plan.candidates.length,
      deleted: report.done.length,
      skipped: report.skipped.length,
    },
    items: skipItems(writer.skips),
    error: errorLine(report),
    warnings: unreachableWarnings(writer.unreachable()),
  }),
  finish(runs, rows, context) {
    const tables = [...runs.values()].map((r) =>
      byWorkflowTable(r.repo.fullName, r.plan.workflows, deletedBy(r.report.done), context.dryRun),
    );
    return {
      outputs: {
        deleted: String(rows.reduce((n, r) => n + r.done, 0)),
        left: String(rows.reduce((n, r) => n + r.left, 0)),
      },
      summary: tables.join("\n\n"),
    };
  },
});
