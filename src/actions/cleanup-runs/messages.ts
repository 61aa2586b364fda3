import type { ApplyReport } from "../../core/apply.ts";
import type { IncompleteListing } from "../../core/list-counted.ts";
import { tableCell as cell } from "../../core/markdown.ts";
import type { RepoResult } from "../../core/report.ts";
import type { Candidate, WorkflowTally } from "./plan.ts";

/** Why a planned run was not deleted after all. */
export interface SkipNote {
  id: number;
  reason: string;
}

const SKIPS_SHOWN = 10;

/** A repository that could not be read: nothing further was tried. */
export const readFailure = (message: string) => `${message}; nothing was listed or deleted`;

/** Why a listing stopped, in words that say what to do; a 404 here means Actions is off. */
export function listingError(error: IncompleteListing): string {
  if (error.reason.status === 404) {
    return `GitHub answered 404 when listing ${error.what} although the repository exists: Actions is disabled in this repository (enable it under Settings > Actions, or leave the repository out of this job); nothing was deleted in this repository`;
  }
  return `${error.message}; nothing was deleted in this repository`;
}

/** A repository's error line: the runs whose delete failed (by cause), then what stopped it. */
export function errorLine(report: ApplyReport<Candidate>): string | undefined {
  const found: string[] = [];
  if (report.failed.length > 0) {
    const causes = [...new Set(report.failed.map((f) => f.error))];
    const more = causes.length > 1 ? ` (and ${causes.length - 1} other causes)` : "";
    found.push(`${report.failed.length} runs were not deleted: ${causes[0]}${more}`);
  }
  if (report.stoppedBy) found.push(`deleting stopped: ${report.stoppedBy}`);
  return found.length > 0 ? found.join("; ") : undefined;
}

/** The warning for runs that could not be re-read before deleting, if any. */
export function unreachableWarnings(unreachable: number): string[] {
  return unreachable > 0
    ? [
        `${unreachable} runs could not be re-read before deleting (more than GitHub's 1,000 results in one second of creation time); kept for the next run`,
      ]
    : [];
}

/** The runs kept although planned, listed under the repository's row. */
export function skipItems(skips: readonly SkipNote[]): NonNullable<RepoResult["items"]> {
  const items = skips.slice(0, SKIPS_SHOWN).map((s) => ({ text: `run ${s.id} kept: ${s.reason}` }));
  if (skips.length > SKIPS_SHOWN)
    items.push({ text: `... and ${skips.length - SKIPS_SHOWN} more runs kept` });
  return items;
}

/** Deleted runs per workflow id, for the by-workflow table. */
export function deletedBy(done: readonly Candidate[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const d of done) counts.set(d.workflowId, (counts.get(d.workflowId) ?? 0) + 1);
  return counts;
}

/**
 * A repository's runs by workflow, as a markdown table: runs listed, protected by keep-last,
 * deleted (or, in a dry run, to delete). Retired workflows are named as such.
 */
export function byWorkflowTable(
  repository: string,
  workflows: readonly WorkflowTally[],
  deleted: ReadonlyMap<number, number>,
  dryRun: boolean,
): string {
  const lines = [
    `#### ${repository}: runs by workflow`,
    "",
    `| workflow | file | runs | protected | ${dryRun ? "would delete" : "deleted"} |`,
    "| --- | --- | --- | --- | --- |",
  ];
  for (const w of workflows) {
    const name = w.retired ? `${w.name} (retired)` : w.name;
    lines.push(
      `| ${cell(name)} | \`${cell(w.path)}\` | ${w.runs} | ${w.protected} | ${deleted.get(w.id) ?? 0} |`,
    );
  }
  const retired = workflows.filter((w) => w.retired).map((w) => `${w.name} (\`${w.path}\`)`);
  if (retired.length > 0) {
    lines.push("", `Retired workflows, whose runs are removed in full: ${retired.join(", ")}.`);
  }
  return lines.join("\n");
}
