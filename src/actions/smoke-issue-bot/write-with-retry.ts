import type { PackageState } from "./package-state.ts";
import type { StateStore, StoredState } from "./state-store.ts";

/** How many times one package's write meets a conflicting writer before the run gives up on it. */
export const maxWriteAttempts = 25;

/**
 * Compare-and-swap of one state file: decide from the stored state, write naming its sha,
 * and on a conflict re-read, decide again and retry. Each lost attempt means another writer
 * saved in between, so with n concurrent writers n attempts suffice; the bound only stops a
 * runaway. Resolves to the last decision, whether it was written (a decision without
 * `next` writes nothing: someone else already did the work) and the state as now stored.
 */
export async function writeWithRetry<D extends { next?: PackageState }>(o: {
  store: StateStore;
  name: string;
  stored: StoredState;
  decide(stored: StoredState): Promise<D> | D;
  message(decision: D): string;
  /** Waits a little before attempt `n` (n >= 2), so conflicting writers spread out. */
  pause(attempt: number): Promise<void>;
}): Promise<{ decision: D; written: boolean; stored: StoredState }> {
  let stored = o.stored;
  for (let attempt = 1; ; attempt++) {
    const decision = await o.decide(stored);
    if (decision.next === undefined) return { decision, written: false, stored };
    const sha = await o.store.write(decision.next, stored.sha, o.message(decision));
    if (sha !== "conflict")
      return { decision, written: true, stored: { state: decision.next, sha } };
    if (attempt >= maxWriteAttempts)
      throw new Error(
        `${o.store.file(o.name)}: ${attempt} writes in a row met a conflicting writer; this run changed nothing for ${o.name}`,
      );
    await o.pause(attempt + 1);
    stored = await o.store.read(o.name);
  }
}
