import type { FleetClient } from "../../core/client.ts";
import { IncompleteListing } from "../../core/list-counted.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { ConfirmWindow } from "./confirm-windows.ts";
import { listRuns } from "./list-runs.ts";
import type { RunInfo } from "./plan.ts";

/** What a window's re-read shows: its completed runs now, and whether all were reachable. */
export interface Confirmation {
  runs: ReadonlyMap<number, RunInfo>;
  complete: boolean;
}

/** A window's read once it has ended: what it found, or the error it ended with. */
type Read = { confirmation: Confirmation } | { error: unknown };

/**
 * Re-reads candidates just before they are deleted, a window at a time: one listing of the
 * completed runs created in the window instead of a GET per run. A run re-run since the first
 * listing is queued again and so absent; one that ended differently shows its new conclusion.
 * Each window is read once, when its first candidate comes up or is said to be `ahead`.
 */
export function confirmer(client: FleetClient, repo: RepoRef, windows: readonly ConfirmWindow[]) {
  const windowOf = new Map<number, ConfirmWindow>();
  for (const w of windows) for (const c of w.candidates) windowOf.set(c.id, w);
  const reads = new Map<ConfirmWindow, Promise<Read>>();
  const read = (candidateId: number): Promise<Read> => {
    const window = windowOf.get(candidateId);
    if (!window) throw new Error(`run ${candidateId} is in no confirmation window`);
    let started = reads.get(window);
    if (!started) {
      const created = `${window.from}..${window.to}`;
      // A failure is kept as the read's result, to be thrown to each candidate that asks: a
      // read started ahead may end before any candidate awaits it.
      started = listRuns(client, repo, { status: "completed", created }).then(
        (r): Read => ({
          confirmation: { runs: new Map(r.runs.map((run) => [run.id, run])), complete: r.complete },
        }),
        (error: unknown): Read => ({
          // Keep the cause's marks, so a rate limit or a missing permission stops the deletes at once.
          error:
            error instanceof IncompleteListing
              ? error.reason.reworded(`re-reading runs created ${created}: ${error.message}`)
              : error,
        }),
      );
      reads.set(window, started);
    }
    return started;
  };
  const confirm = async (candidateId: number): Promise<Confirmation> => {
    const ended = await read(candidateId);
    if ("error" in ended) throw ended.error;
    return ended.confirmation;
  };
  /** Starts reading a later candidate's window, so that it is there when the candidate is. */
  const ahead = (candidateId: number): void => void read(candidateId);
  return Object.assign(confirm, { ahead });
}
