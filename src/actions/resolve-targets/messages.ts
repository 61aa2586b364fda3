import { tableCell as cell } from "../../core/markdown.ts";
import type { WebLinks } from "../../core/web-links.ts";
import type { Selection } from "./plan.ts";

/** Rows listed in the job summary; GitHub caps a step's summary at 1 MiB. */
export const SUMMARY_ROWS = 500;

/** The job summary: what was selected, by which filter, and which job runs each target. */
export function renderSelection(selection: Selection, links: WebLinks): string {
  const { targets, matrix } = selection;
  const jobs = matrix.include.length;
  const lines = [
    `${targets.length} of ${selection.registered} targets selected by \`${selection.filter}\`, in ${jobs} job${jobs === 1 ? "" : "s"}${jobs < targets.length ? " (shards of one owner each)" : ""}.`,
    "",
  ];
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
