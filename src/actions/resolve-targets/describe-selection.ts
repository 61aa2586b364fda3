import type { Selection } from "./plan.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * A selection in words, for the log line and the job summary. With a `repository` input it
 * gives both counts: "1 of 20 targets" alone reads as if the filter had selected one, when it
 * selected 5 and the input picked one of them. `quote` sets the filter off (quotes in the
 * log, code in markdown).
 */
export function describeSelection(
  selection: Selection,
  repository: string,
  quote: (filter: string) => string = (f) => `"${f}"`,
): string {
  const jobs = plural(selection.matrix.include.length, "job");
  const byFilter = `${selection.filtered} of ${selection.registered} targets selected by ${quote(selection.filter)}`;
  if (repository === "") return `${byFilter} in ${jobs}`;
  return `${byFilter}, narrowed to ${selection.targets.length} by repository '${repository}', in ${jobs}`;
}
