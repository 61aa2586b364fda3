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

/**
 * Re-reads candidates just before they are deleted, a window at a time: one listing of the
 * completed runs created in the window instead of a GET per run. A run re-run since the first
 * listing is queued again and so absent; one that ended differently shows its new conclusion.
 * Each window is read once, when its first candidate comes up.
 */
export function confirmer(client: FleetClient, repo: RepoRef, windows: readonly ConfirmWindow[]) {
  const windowOf = new Map<number, ConfirmWindow>();
  for (const w of windows) for (const c of w.candidates) windowOf.set(c.id, w);
  const reads = new Map<ConfirmWindow, Promise<Confirmation>>();
  return (candidateId: number): Promise<Confirmation> => {
    const window = windowOf.get(candidateId);
    if (!window) throw new Error(`run ${candidateId} is in no confirmation window`);
    let read = reads.get(window);
    if (!read) {
      const created = `${window.from}..${window.to}`;
      read = listRuns(client, repo, { status: "completed", created }).then(
        (r) => ({ runs: new Map(r.runs.map((run) => [run.id, run])), complete: r.complete }),
        (error: unknown) => {
          // Keep the cause's marks, so a rate limit or a missing permission stops the deletes at once.
          if (!(error instanceof IncompleteListing)) throw error;
          throw error.reason.reworded(`re-reading runs created ${created}: ${error.message}`);
        },
      );
      reads.set(window, read);
    }
    return read;
  };
}
