import { createOnce } from "../../core/create-once.ts";
import { classifyError, type ApiError } from "../../core/errors.ts";
import { hasComment } from "../../core/find-comment.ts";
import {
  failureComment,
  failureMark,
  issueBody,
  issueTitle,
  recoveryComment,
  recoveryMark,
} from "./messages.ts";
import type { PackageState } from "./package-state.ts";
import { openingLeaseMs, type PackageDecision } from "./plan.ts";
import type { RecordOptions } from "./record.ts";
import type { StateStore, StoredState } from "./state-store.ts";
import { listTrackingIssues } from "./tracking-issues.ts";
import { writeWithRetry } from "./write-with-retry.ts";

/** What an issue action did, for the outputs and the summary. */
export interface IssueActionResult {
  opened?: { number: number; url: string };
  commented?: number;
  closed?: number;
}

/** An issue action that failed after part of it was done (an issue opened, its number unsaved). */
export class IssueActionError extends Error {
  override readonly name = "IssueActionError";
  constructor(
    readonly partial: IssueActionResult,
    override readonly cause: ApiError,
  ) {
    super(cause.message);
  }
}

/**
 * Opens, comments on or closes a package's tracking issue once its state is saved (`saved`).
 * An opening then records the issue's number in the state, or releases this run's claim
 * when the issue could not be created.
 */
export async function applyIssueAction(
  options: RecordOptions,
  store: StateStore,
  d: PackageDecision,
  saved: StoredState,
): Promise<IssueActionResult> {
  const { client, repo } = options;
  const where = { owner: repo.owner, repo: repo.repo };
  const issueOf = (issue_number: number) => ({ ...where, issue_number });
  const action = d.action;
  if (action.kind === "none") return {};
  if (action.kind === "comment") {
    const failures = action.rerun?.failures ?? d.next?.failures ?? 0;
    const body = failureComment(d.package, options.run, failures);
    const mark = failureMark(d.package, options.run);
    if (action.rerun && (await hasComment(client, issueOf(action.issue), mark))) return {};
    await commentOnce(options, action.issue, body, mark);
    return { commented: action.issue };
  }
  if (action.kind === "close") {
    const mark = recoveryMark(d.package);
    const posted = action.check === true && (await hasComment(client, issueOf(action.issue), mark));
    if (action.comment && !posted)
      await commentOnce(options, action.issue, recoveryComment(d.package, options.run), mark);
    await client.rest.issues.update({
      ...where,
      issue_number: action.issue,
      state: "closed",
      state_reason: "completed",
    });
    return { closed: action.issue };
  }
  // A rerun after a run killed between its claim and the opening finds its claim saved already:
  // nothing to write, and the stored state is the one to open from.
  const state = d.next ?? saved.state;
  let opened: { number: number; url: string };
  try {
    opened = await createOnce({
      doing: `opening the tracking issue of ${d.package}`,
      create: async () => {
        const created = await client.rest.issues.create({
          ...where,
          title: issueTitle(options.title, d.package),
          body: issueBody(state, options.threshold),
          labels: [options.label],
        });
        return { number: created.data.number, url: created.data.html_url };
      },
      // The package's open tracking issue, found by its marker: this run's, or one a
      // concurrent run opened meanwhile (either way, the one to record).
      landed: async () => {
        const { byPackage } = await listTrackingIssues(client, repo, options.label);
        const found = byPackage.get(d.package);
        return found && { number: found.number, url: found.url };
      },
    });
  } catch (error) {
    // Give up this run's claim so the next failing run opens the issue without waiting out the lease.
    const open = classifyError(error, { doing: `opening the tracking issue of ${d.package}` });
    try {
      await updateAfterOpen(options, store, saved, (s) =>
        s.opening?.run === options.run.id ? { ...s, opening: null } : undefined,
      );
    } catch (release) {
      throw open.reworded(
        `${open.message}; releasing this run's claim failed too (${classifyError(release).message}): the next failing run after ${openingLeaseMs / 60_000} minutes opens it`,
      );
    }
    throw open;
  }
  try {
    await updateAfterOpen(options, store, saved, (s) => ({
      ...s,
      issue: opened.number,
      opening: s.opening?.run === options.run.id ? null : s.opening,
    }));
  } catch (error) {
    const e = classifyError(error);
    throw new IssueActionError(
      { opened },
      e.reworded(
        `opened #${opened.number} but could not save its number (${e.message}); the next run finds it by its marker`,
      ),
    );
  }
  return { opened };
}

/**
 * Posts a comment exactly once: after a lost answer, the issue's comments are read for
 * `mark` (words naming the package and the run) to tell whether it landed.
 */
async function commentOnce(
  options: RecordOptions,
  issueNumber: number,
  body: string,
  mark: string,
) {
  const issue = { owner: options.repo.owner, repo: options.repo.repo, issue_number: issueNumber };
  await createOnce({
    doing: `commenting on #${issueNumber}`,
    create: () => options.client.rest.issues.createComment({ ...issue, body }).then(() => true),
    landed: async () => ((await hasComment(options.client, issue, mark)) ? true : undefined),
  });
}

/**
 * Records the opened issue's number (or releases the claim) in the package's state, starting
 * from the state this run just saved (a conflict means someone wrote since: re-read, re-apply).
 */
async function updateAfterOpen(
  options: RecordOptions,
  store: StateStore,
  saved: StoredState,
  change: (s: PackageState) => PackageState | undefined,
): Promise<void> {
  const name = saved.state.package;
  await writeWithRetry({
    store,
    name,
    stored: saved,
    decide: (s) => ({ next: change(s.state) }),
    message: () => `smoke-issue-bot: ${name} tracking issue in run ${options.run.id}`,
    pause: options.pause,
  });
}
