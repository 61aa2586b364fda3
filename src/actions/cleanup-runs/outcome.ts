import type { ApplyReport } from "../../core/apply.ts";
import type { RepoResult } from "../../core/report.ts";
import type { SkipNote } from "./delete-candidate.ts";
import type { Candidate, RunPlan } from "./plan.ts";

const SKIPS_SHOWN = 10;

/** Deleted runs per workflow id, for the by-workflow table. */
export function deletedBy(done: readonly Candidate[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const d of done) counts.set(d.workflowId, (counts.get(d.workflowId) ?? 0) + 1);
  return counts;
}

/**
 * A repository's row from its plan and what applying it did: failed when deletes failed or
 * were stopped (rate limit, revoked token, missing permission), capped when runs were left
 * for the next run.
 * `left` counts what was not attempted and what failed alike: both wait for the next run.
 */
export function repoOutcome(
  repository: string,
  plan: RunPlan,
  report: ApplyReport<Candidate>,
  del: { skips: readonly SkipNote[]; unreachable(): number },
): RepoResult {
  const warnings = [...report.warnings];
  if (del.unreachable() > 0) {
    warnings.push(
      `${del.unreachable()} runs could not be re-read before deleting (more than GitHub's 1,000 results in one second of creation time); kept for the next run`,
    );
  }
  const errors: string[] = [];
  if (report.failed.length > 0) {
    const causes = [...new Set(report.failed.map((f) => f.error))];
    const more = causes.length > 1 ? ` (and ${causes.length - 1} other causes)` : "";
    errors.push(`${report.failed.length} runs were not deleted: ${causes[0]}${more}`);
  }
  if (report.stoppedBy) errors.push(`deleting stopped: ${report.stoppedBy}`);
  const items = del.skips
    .slice(0, SKIPS_SHOWN)
    .map((s) => ({ text: `run ${s.id} kept: ${s.reason}` }));
  if (del.skips.length > SKIPS_SHOWN)
    items.push({ text: `... and ${del.skips.length - SKIPS_SHOWN} more runs kept` });
  return {
    repository,
    status: errors.length > 0 ? "failed" : report.left > 0 ? "capped" : "ok",
    planned: plan.candidates.length,
    done: report.done.length,
    left: report.left + report.failed.length,
    counts: {
      listed: plan.listed,
      protected: plan.protected,
      candidates: plan.candidates.length,
      deleted: report.done.length,
      skipped: report.skipped.length,
    },
    ...(items.length > 0 ? { items } : {}),
    ...(errors.length > 0 ? { error: errors.join("; ") } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
