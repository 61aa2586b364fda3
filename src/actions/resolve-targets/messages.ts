import { tableCell as cell } from "../../core/markdown.ts";
import type { WebLinks } from "../../core/web-links.ts";
import { describeSelection } from "./describe-selection.ts";
import type { Selection } from "./plan.ts";

/** Rows listed in the job summary; GitHub caps a step's summary at 1 MiB. */
export const SUMMARY_ROWS = 500;

/**
 * The job summary: what was selected, by which filter (and which `repository` input narrowed
 * it), and which job runs each target.
 */
export function renderSelection(selection: Selection, repository: string, links: WebLinks): string {
  const { targets, matrix } = selection;
  const shards = matrix.include.length < targets.length ? " (shards of one owner each)" : "";
  const lines = [`${describeSelection(selection, repository, (f) => `\`${f}\``)}${shards}.`, ""];
  if (targets.length === 0) return lines.join("\n");
  const jobOf = new Map<string, string>();
  for (const entry of matrix.include) {
    for (const repository of entry.repositories.split(",")) jobOf.set(repository, entry.name);
  }
  lines.push("| repository | kind | job |", "| --- | --- | --- |");
  for (const t of targets.slice(0, SUMMARY_ROWS)) {
    const link = `[${t.repository}](${links.repository(t.repository)})`;
    lines.push(`| ${link} | ${cell(t.kind)} | ${cell(jobOf.get(t.repository) ?? "")} |`);
  }
  if (targets.length > SUMMARY_ROWS) {
    lines.push(
      "",
      `... and ${targets.length - SUMMARY_ROWS} more (all are in the \`targets\` output).`,
    );
  }
  return lines.join("\n");
}
