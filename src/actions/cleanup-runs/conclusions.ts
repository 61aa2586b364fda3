import { RUN_CONCLUSIONS, type RunConclusion } from "../../core/run-conclusions.ts";

/** Which conclusions make a run of a live workflow a candidate: a set, or every one. */
export type ConclusionFilter = ReadonlySet<RunConclusion> | "all";

/**
 * Reads the `conclusions` input: GitHub's conclusion names, or `all` alone. Returns the
 * filter, or the message that says what was found and what is allowed.
 */
export function parseConclusions(
  list: readonly string[],
): { ok: true; value: ConclusionFilter } | { ok: false; message: string } {
  const allowed = `a comma list of ${RUN_CONCLUSIONS.join(", ")}; or all`;
  if (list.length === 0) return { ok: false, message: `found nothing, allowed ${allowed}` };
  if (list.includes("all")) {
    return list.length === 1
      ? { ok: true, value: "all" }
      : { ok: false, message: `found '${list.join(",")}': 'all' stands alone, allowed ${allowed}` };
  }
  const unknown = list.filter((c) => !(RUN_CONCLUSIONS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    const what = unknown.map((u) => `'${u}'`).join(", ");
    return { ok: false, message: `found ${what}, not a conclusion; allowed ${allowed}` };
  }
  return { ok: true, value: new Set(list as RunConclusion[]) };
}

/** Whether a conclusion passes the filter. */
export function conclusionMatches(filter: ConclusionFilter, conclusion: string | null): boolean {
  if (conclusion === null) return false;
  return filter === "all" || filter.has(conclusion as RunConclusion);
}
