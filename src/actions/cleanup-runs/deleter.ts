import type { BatchOutcome, BatchResult, ChangeOutcome } from "../../core/apply.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError, stopsTheRest } from "../../core/errors.ts";
import type { ChangeWriter } from "../../core/repo-action.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { ConclusionFilter } from "./conclusions.ts";
import { confirmer } from "./confirm.ts";
import type { ConfirmWindow } from "./confirm-windows.ts";
import type { SkipNote } from "./messages.ts";
import { stillDeletable, type Candidate } from "./plan.ts";

/** The deletes of one repository, with the runs kept although planned. */
export type RunDeleter = ChangeWriter<Candidate> & {
  skips: readonly SkipNote[];
  /** Candidates that could not be re-read (over GitHub's 1,000-result cap). */
  unreachable(): number;
};

/** GitHub's refusal to delete a run that is not completed, sent with 409 or with 403. */
const NOT_COMPLETED = /cannot delete a workflow run that is not completed/i;

const UNREACHABLE = "could not be re-read (over GitHub's 1,000-result cap)";

/** Deletes in flight at once: the client's concurrency, so that its queue never runs dry. */
const IN_FLIGHT = 10;

/**
 * Runs handed over at a time: a batch's deletes all end before the next batch starts, and the
 * repository's progress is told between batches. Paced, deletes go at most 3 a second, so 30
 * keep the progress line about every 10 s. Unpaced, the pause between batches is what costs
 * (the last deletes of a batch run with fewer in flight): 1,000 are about 10 s of deletes on
 * a server without limits. The cap and the floor hold within a batch either way.
 */
const BATCH = { paced: 30, unpaced: 1000 };

/**
 * The deletes of one repository, oldest first, up to 10 in flight: each candidate is
 * re-confirmed from a fresh listing of its creation-time window (a dry run stops there), then
 * deleted. A refusal because the run is not completed after all is a skip, whether GitHub
 * answers it 409 or 403: its message tells it from a missing permission. A 404 (already gone)
 * counts as done. A refusal that would refuse every other delete (a missing permission, the
 * rate limit) stops sending; the repository's first delete goes alone, so that a token that
 * may not delete runs is refused once. No delete starts with the budget at `floor`.
 */
export function runDeleter(
  client: FleetClient,
  repo: RepoRef,
  windows: readonly ConfirmWindow[],
  conclusions: ConclusionFilter,
  floor: number,
): RunDeleter {
  const confirm = confirmer(client, repo, windows);
  const skips: SkipNote[] = [];
  let unreachable = 0;
  let answered = false;
  const note = (id: number, reason: string): ChangeOutcome => {
    skips.push({ id, reason });
    if (reason === UNREACHABLE) unreachable += 1;
    return "skipped";
  };
  /** Why a candidate is to be kept after all, from its window's re-read; undefined to delete. */
  const recheck = async (candidate: Candidate): Promise<string | undefined> => {
    const confirmation = await confirm(candidate.id);
    const fresh = confirmation.runs.get(candidate.id);
    if (!fresh) {
      if (!confirmation.complete) return UNREACHABLE;
      return "no longer completed (re-run since it was listed) or gone";
    }
    if (!stillDeletable(candidate, fresh, conclusions))
      return `now ${fresh.status}/${fresh.conclusion ?? "none"}`;
    return undefined;
  };
  /** Deletes one run: undefined when deleted (or gone), why it was kept, or throws. */
  const remove = async (candidate: Candidate): Promise<string | undefined> => {
    try {
      await client.rest.actions.deleteWorkflowRun({
        owner: repo.owner,
        repo: repo.repo,
        run_id: candidate.id,
      });
      return undefined;
    } catch (error) {
      const e = classifyError(error, { doing: `deleting run ${candidate.id}` });
      if (e.status === 404) return undefined;
      if ((e.status === 409 || e.status === 403) && NOT_COMPLETED.test(e.message))
        return `not completed (${e.status}): re-run meanwhile`;
      throw e;
    }
  };
  const preview = async (candidate: Candidate): Promise<ChangeOutcome> => {
    const reason = await recheck(candidate);
    return reason === undefined ? "done" : note(candidate.id, reason);
  };
  const applyBatch = async (batch: Candidate[]): Promise<BatchResult> => {
    // How each candidate went: an outcome, why it was kept, or the refusal that stopped the rest.
    const ended: Ended[] = [];
    let stop: string | undefined;
    let started = 0;
    let pending = 0;
    /** The next candidate to go through, unless a stop or the floor ends the batch here. */
    const take = (): number | undefined => {
      if (stop !== undefined || started === batch.length) return undefined;
      // Each one under way may still cost a request the budget does not show yet.
      if (!client.budget.allows(floor + pending)) return undefined;
      pending += 1;
      // The deletes in flight would all wait on a window's read when they reach it: it is
      // started as its first candidate comes within reach, unless the floor is that close.
      const later = batch[started + IN_FLIGHT];
      if (later && client.budget.allows(floor + pending + 1)) confirm.ahead(later.id);
      return started++;
    };
    const goThrough = async (k: number) => {
      const candidate = batch[k]!;
      let sent = false;
      try {
        const kept = await recheck(candidate);
        if (kept !== undefined) return void (ended[k] = { kept });
        sent = true;
        const keptAfterAll = await remove(candidate);
        ended[k] = keptAfterAll === undefined ? "done" : { kept: keptAfterAll };
      } catch (error) {
        const e = classifyError(error, { doing: `deleting run ${candidate.id}` });
        if (stopsTheRest(e)) stop ??= e.message;
        ended[k] = stopsTheRest(e) ? { refused: e.message } : { error: e.message };
      } finally {
        pending -= 1;
        answered ||= sent;
      }
    };
    // Until one delete of the repository is answered they go one at a time: a refusal of
    // every delete (a missing permission) is then met once, not once for each in flight.
    while (!answered) {
      const k = take();
      if (k === undefined) break;
      await goThrough(k);
    }
    const worker = async () => {
      for (let k = take(); k !== undefined; k = take()) await goThrough(k);
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return { outcomes: outcomesOf(batch, ended, note), ...(stop === undefined ? {} : { stop }) };
  };
  return {
    applyBatch,
    batchSize: client.pacer ? BATCH.paced : BATCH.unpaced,
    preview,
    describe: (candidate: Candidate) => `run ${candidate.id}`,
    // Deleting a run creates nothing: only the REST points bound the deletes.
    content: () => 0,
    skips,
    unreachable: () => unreachable,
  };
}

/** How one candidate of a batch went; a refusal that stopped the rest leaves it for later. */
type Ended = BatchOutcome | { kept: string } | { refused: string } | undefined;

/**
 * The outcomes of a batch, in order, up to the last candidate gone through: those after it
 * (not started, or refused when the rest stopped) are left for the next run. A refusal
 * followed by a delete that went through counts as failed, since its successors are done.
 */
function outcomesOf(
  batch: readonly Candidate[],
  ended: readonly Ended[],
  note: (id: number, reason: string) => ChangeOutcome,
): BatchOutcome[] {
  let reached = ended.length;
  while (reached > 0 && (ended[reached - 1] === undefined || isRefused(ended[reached - 1])))
    reached -= 1;
  return batch.slice(0, reached).map((candidate, k): BatchOutcome => {
    const e = ended[k];
    if (e === undefined) throw new Error(`run ${candidate.id} was passed over in its batch`);
    if (typeof e === "string" || "error" in e) return e;
    if ("kept" in e) return note(candidate.id, e.kept);
    return { error: e.refused };
  });
}

const isRefused = (e: Ended): e is { refused: string } => typeof e === "object" && "refused" in e;
