import type { FleetClient } from "../../core/client.ts";
import type { Clock } from "../../core/clock.ts";
import { classifyError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { RepoRef } from "../../core/repository.ts";
import { findGiteaRun, getRun } from "./find-run.ts";
import type { Forge } from "./input-rules.ts";

/** A dispatched run to follow. */
export interface PendingRun {
  repo: RepoRef;
  workflow: string;
  ref: string;
  runId?: number;
  runUrl?: string;
}

/** How following one run ended. */
export type RunEnd = { runId?: number; runUrl?: string } & (
  | { state: "completed"; conclusion: string }
  | { state: "timeout"; last: string }
  | { state: "lost"; reason: string }
);

/** Conclusions that are not a failure: a run that did its work or had nothing to do. */
const PASSING = new Set(["success", "neutral", "skipped"]);

/** Whether a completed run's conclusion fails the job. */
export const failingConclusion = (conclusion: string) => !PASSING.has(conclusion);

/** Errors that polling again will not cure. */
const FINAL = new Set(["unauthorized", "forbidden", "not-found"]);

/**
 * Follows dispatched runs until each completed or `timeoutMs` passed, polling every
 * `intervalMs` (one read per unfinished run; the first after one interval, the last at the
 * deadline). A run whose id the server did not return is looked up on Gitea; on GitHub a
 * server that returns no id cannot be followed, which is reported rather than guessed.
 */
export async function waitForRuns(
  client: FleetClient,
  forge: Forge,
  pending: readonly PendingRun[],
  options: { timeoutMs: number; intervalMs: number; clock: Clock; log: Logger },
): Promise<Map<string, RunEnd>> {
  const ends = new Map<string, RunEnd>();
  const open = new Map<string, PendingRun>();
  for (const p of pending) {
    if (p.runId === undefined && forge === "github")
      ends.set(p.repo.fullName, {
        state: "lost",
        reason:
          "the server accepted the dispatch without returning the run's id (a GitHub Enterprise Server without return_run_details), so the run cannot be followed; set wait-timeout-seconds to 0 for this server",
      });
    else open.set(p.repo.fullName, { ...p });
  }
  const last = new Map<string, string>();
  const deadline = options.clock.now() + options.timeoutMs;
  const poll = async (name: string, p: PendingRun) => {
    try {
      if (p.runId === undefined) {
        const found = await findGiteaRun(client, p.repo, p.workflow, p.ref);
        if (!found) return void last.set(name, "its run was not listed yet");
        p.runId = found.id;
        p.runUrl ??= found.html_url;
      }
      const run = await getRun(client, p.repo, p.runId);
      p.runUrl ??= run.html_url;
      if (run.status !== "completed") return void last.set(name, `still ${run.status}`);
      const conclusion = run.conclusion ?? "unknown";
      ends.set(name, { state: "completed", conclusion, runId: p.runId, runUrl: p.runUrl });
      open.delete(name);
      options.log.info(`${name}: run ${p.runId} completed: ${conclusion}`);
    } catch (error) {
      const e = classifyError(error, { doing: "reading the dispatched run", repository: name });
      if (!FINAL.has(e.kind)) return void last.set(name, `last read failed: ${e.message}`);
      ends.set(name, { state: "lost", reason: e.message, runId: p.runId, runUrl: p.runUrl });
      open.delete(name);
    }
  };
  if (open.size > 0)
    options.log.info(
      `waiting up to ${options.timeoutMs / 1000} s for ${open.size} dispatched runs`,
    );
  while (open.size > 0) {
    const wait = Math.min(options.intervalMs, deadline - options.clock.now());
    if (wait > 0) await options.clock.sleep(wait);
    await Promise.all([...open].map(([name, p]) => poll(name, p)));
    if (options.clock.now() >= deadline) break;
  }
  for (const [name, p] of open)
    ends.set(name, {
      state: "timeout",
      last: last.get(name) ?? "not read",
      runId: p.runId,
      runUrl: p.runUrl,
    });
  return ends;
}
