import type { WorkflowTally } from "./plan.ts";

import { tableCell as cell } from "../../core/markdown.ts";

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
