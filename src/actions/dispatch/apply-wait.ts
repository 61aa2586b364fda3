import type { RepoResult } from "../../core/report.ts";
import { failingConclusion, type RunEnd } from "./wait-runs.ts";

/** A row after its run was followed: the conclusion as a column; a failed or unfinished run fails it. */
export function withRunEnd(result: RepoResult, end: RunEnd, timeoutSeconds: number): RepoResult {
  const run = end.runId === undefined ? "the run" : `run ${end.runId}`;
  const where = end.runUrl ? ` (${end.runUrl})` : "";
  const items = end.runUrl ? [{ text: `${run}`, url: end.runUrl }] : result.items;
  const base = { ...result, ...(items ? { items } : {}) };
  if (end.state === "completed") {
    const counts = { ...result.counts, run: end.conclusion };
    if (!failingConclusion(end.conclusion)) return { ...base, counts };
    return {
      ...base,
      counts,
      status: "failed",
      error: `${run} concluded ${end.conclusion}${where}`,
    };
  }
  if (end.state === "timeout")
    return {
      ...base,
      counts: { ...result.counts, run: "timed out" },
      status: "failed",
      error: `${run} did not complete within wait-timeout-seconds (${timeoutSeconds} s): ${end.last}${where}`,
    };
  return {
    ...base,
    counts: { ...result.counts, run: "unknown" },
    status: "failed",
    error: `the dispatch was accepted but ${run} could not be followed: ${end.reason}${where}`,
  };
}
