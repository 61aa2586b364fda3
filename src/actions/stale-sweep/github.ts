import { RequestError } from "@octokit/request-error";
import { LeaveTheRest, type ChangeOutcome } from "../../core/apply.ts";
import type { FleetClient } from "../../core/client.ts";
import { createOnce } from "../../core/create-once.ts";
import { classifyError } from "../../core/errors.ts";
import { httpStatus } from "../../core/http-status.ts";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import type { ChangeWriter, RunContext, Skip } from "../../core/repo-action.ts";
import type { RepoRef } from "../../core/repository.ts";
import { recentComments } from "./recent-comments.ts";
import {
  describeChange,
  duplicatesNotChecked,
  labelNotCreated,
  leftToOtherSweep,
  render,
} from "./messages.ts";
import {
  capPlan,
  isMarkCandidate,
  needsTimeline,
  contentOf,
  operationsCost,
  staleCutoff,
  type Change,
  type IssueSummary,
  type RepoSnapshot,
  type SweepPlan,
  type SweepRules,
} from "./plan.ts";
import { readMark, type MarkState, type TimelineEntry } from "./read-mark.ts";
import { ARCHIVED_NOTICE } from "../../core/archived.ts";

/** GitHub's largest page. */
const PER_PAGE = 100;

/** An issue as GitHub's issue lists and issue reads answer it, as far as the sweep reads it. */
export interface RawIssue {
  number: number;
  title: string;
  html_url: string;
  updated_at: string;
  labels: (string | { name?: string })[];
  pull_request?: unknown;
}

interface RawTimelineEntry {
  event?: string;
  actor?: { login?: string } | null;
  user?: { login?: string } | null;
  created_at?: string;
  /** A review's date: reviews have no `created_at`. */
  submitted_at?: string;
  /** A commit's dates: commits have no `created_at` either. */
  committer?: { date?: string };
  label?: { name?: string };
  body?: string;
}

/** What the plan needs of an issue. */
export function issueSummary(i: RawIssue): IssueSummary {
  return {
    number: i.number,
    title: i.title,
    url: i.html_url,
    labels: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
    updatedAt: Date.parse(i.updated_at),
    pullRequest: i.pull_request !== undefined && i.pull_request !== null,
  };
}

function entry(e: RawTimelineEntry): TimelineEntry {
  return {
    event: e.event ?? "",
    actor: e.actor?.login ?? e.user?.login ?? null,
    at: Date.parse(e.created_at ?? e.submitted_at ?? e.committer?.date ?? "") || 0,
    label: e.label?.name,
    body: e.body,
  };
}

/**
 * Pages through a listing until its end, or until `enough` says the items seen so far
 * suffice. A page that fails stops it with an error saying how far it got: a listing cut
 * short is never passed off as complete.
 */
async function listPages<T>(
  what: string,
  pages: AsyncIterable<{ data: T[] }>,
  enough: (page: T[]) => boolean = () => false,
): Promise<T[]> {
  const items: T[] = [];
  let read = 0;
  try {
    for await (const { data } of pages) {
      read += 1;
      items.push(...data);
      if (enough(data)) break;
    }
  } catch (error) {
    const progress =
      read === 0
        ? "its first page failed"
        : `stopped after ${read} page${read === 1 ? "" : "s"}, ${items.length} read`;
    throw classifyError(error, { doing: `listing ${what} (${progress})` });
  }
  return items;
}

/** Reads an issue's timeline for what it says about the stale label (see readMark). */
async function readIssueMark(
  client: FleetClient,
  repo: RepoRef,
  issueNumber: number,
  label: string,
): Promise<MarkState | undefined> {
  const timeline = await listPages<RawTimelineEntry>(
    `the timeline of #${issueNumber}`,
    client.paginate.iterator(client.rest.issues.listEventsForTimeline, {
      owner: repo.owner,
      repo: repo.repo,
      issue_number: issueNumber,
      per_page: PER_PAGE,
    }) as AsyncIterable<{ data: RawTimelineEntry[] }>,
  );
  return readMark(timeline.map(entry), label);
}

/**
 * Reads what the sweep of one repository needs, in as few requests as it can: the
 * repository (archived?), the open issues carrying the stale label, the open issues least
 * recently updated first (stopping at the first page that reaches past the stale cutoff),
 * the timelines of the stale-labeled issues it may un-stale or close, and the repository's
 * labels only when a mark needs the stale label and no open issue shows it exists.
 */
export async function readRepository(
  client: FleetClient,
  repo: RepoRef,
  rules: SweepRules,
  now: number,
): Promise<RepoSnapshot | Skip> {
  const where = { owner: repo.owner, repo: repo.repo };
  let info;
  try {
    info = (await client.rest.repos.get(where)).data;
  } catch (error) {
    throw classifyError(error, { doing: `reading ${repo.fullName}` });
  }
  if (info.archived) return { skip: ARCHIVED_NOTICE };
  if (!info.has_issues) return { skip: "issues are turned off in this repository: skipped" };

  const staleLabeled = await listPages<RawIssue>(
    `open issues labelled '${rules.staleLabel}'`,
    client.paginate.iterator(client.rest.issues.listForRepo, {
      ...where,
      state: "open",
      labels: rules.staleLabel,
      per_page: PER_PAGE,
    }),
  );
  const cutoff = staleCutoff(now, rules);
  const idle = await listPages<RawIssue>(
    "open issues by last update",
    client.paginate.iterator(client.rest.issues.listForRepo, {
      ...where,
      state: "open",
      sort: "updated",
      direction: "asc",
      per_page: PER_PAGE,
    }),
    (page) => page.length > 0 && Date.parse(page[page.length - 1]!.updated_at) > cutoff,
  );

  const snapshot: RepoSnapshot = {
    staleLabeled: [],
    idle: idle.map(issueSummary),
    labelExists: staleLabeled.length > 0,
  };
  for (const raw of staleLabeled) {
    const issue = issueSummary(raw);
    if (!needsTimeline(issue, rules)) {
      snapshot.staleLabeled.push({ issue });
      continue;
    }
    const mark = await readIssueMark(client, repo, issue.number, rules.staleLabel);
    snapshot.staleLabeled.push({ issue, mark });
  }
  if (!snapshot.labelExists && snapshot.idle.some((i) => isMarkCandidate(i, rules, now))) {
    const labels = await listPages(
      "labels",
      client.paginate.iterator(client.rest.issues.listLabelsForRepo, {
        ...where,
        per_page: PER_PAGE,
      }),
    );
    const wanted = rules.staleLabel.toLowerCase();
    snapshot.labelExists = labels.some((l) => l.name.toLowerCase() === wanted);
  }
  return snapshot;
}

/** A comment the sweep posted: for which change, which marker, its id and when. */
interface PostedComment {
  change: Change;
  kind: "stale" | "close";
  id: number;
  at: number;
}

/**
 * How far before its first comment a sweep looks for a concurrent sweep's copies: a copy
 * posted in step with ours went out after our check, a round trip before our post at most;
 * this allows for clocks and queues.
 */
const CONCURRENT_WINDOW_MS = 10 * 60_000;

/**
 * Two sweeps in step (started by two callers) can both check an issue before either posts,
 * and both post. After its changes, a sweep that posted reads the repository's comments made
 * since (one page per 100): on each issue where a comment of the same kind made after the
 * issue was read is older than its own, it deletes its own and counts the change as the other
 * sweep's. Both sweeps apply the same rule, so the oldest copy stays.
 */
async function takeBackDuplicates(
  client: FleetClient,
  repo: RepoRef,
  posted: readonly PostedComment[],
): Promise<Change[]> {
  if (posted.length === 0) return [];
  const since = Math.min(...posted.map((p) => p.at)) - CONCURRENT_WINDOW_MS;
  const comments = await listPages(
    "the comments made during the sweep",
    client.paginate.iterator(client.rest.issues.listCommentsForRepo, {
      owner: repo.owner,
      repo: repo.repo,
      since: new Date(since).toISOString(),
      per_page: PER_PAGE,
    }),
  );
  const undone: Change[] = [];
  for (const p of posted) {
    const n = p.change.issue.number;
    const older = comments.some(
      (c) =>
        c.id < p.id &&
        c.issue_url.endsWith(`/issues/${n}`) &&
        Date.parse(c.created_at) >= p.change.issue.updatedAt &&
        c.body?.includes(markers[p.kind]) === true,
    );
    if (!older) continue;
    try {
      await client.rest.issues.deleteComment({
        owner: repo.owner,
        repo: repo.repo,
        comment_id: p.id,
      });
    } catch (error) {
      // Gone already: a retry after a lost answer, or someone deleted it.
      if (httpStatus(error) !== 404)
        throw classifyError(error, { doing: `deleting the second ${p.kind} comment on #${n}` });
    }
    undone.push(p.change);
  }
  return undone;
}

/** What the writes need from the inputs. */
export interface WriteSettings {
  staleLabel: string;
  daysBeforeClose: number;
  staleMessage: string;
  closeMessage: string;
  closeReason: "not_planned" | "completed";
}

const LABEL_COLOR = "ededed";
const LABEL_DESCRIPTION = "No activity for a while; closed by the stale sweep unless someone acts";

/** Whether a 422's body says the thing to create exists already. */
const alreadyExists = (data: unknown) =>
  (data as { errors?: { code?: string }[] } | undefined)?.errors?.some(
    (x) => x.code === "already_exists",
  ) === true;

/** Creates the stale label; says so, or nothing when someone created it since the read. */
async function createLabel(client: FleetClient, repo: RepoRef, name: string) {
  try {
    await client.rest.issues.createLabel({
      owner: repo.owner,
      repo: repo.repo,
      name,
      color: LABEL_COLOR,
      description: LABEL_DESCRIPTION,
    });
    return `created the missing label '${name}'`;
  } catch (error) {
    // Someone created it since the read: what was wanted is there.
    if (
      error instanceof RequestError &&
      error.status === 422 &&
      alreadyExists(error.response?.data)
    )
      return undefined;
    throw classifyError(error, { doing: `creating the label '${name}'` });
  }
}

/**
 * The writes of one repository's sweep. Before the changes, the missing stale label is
 * created when a mark within `max-operations` needs it. Then each change: a mark is the label
 * then the stale comment, a close the close comment (unless a failed close already posted it)
 * then the close, an un-stale the label's removal. An error names the step that failed and
 * what had already been done.
 */
export function sweepWriter(
  repo: RepoRef,
  plan: SweepPlan,
  settings: WriteSettings,
  /** `now`: when the sweep read the repositories. */
  run: RunContext & { now: number },
): ChangeWriter<Change> {
  const { client } = run;
  /** The comments this sweep posted (their answers came back), for `after`'s check. */
  const posted: PostedComment[] = [];
  /** A comment this sweep was about to post was there: another sweep is ahead of it. */
  let overtaken = false;
  const recent = recentComments(client, repo, run.now);
  const values = { days: settings.daysBeforeClose, label: settings.staleLabel };
  const issue = (issue_number: number) => ({ owner: repo.owner, repo: repo.repo, issue_number });
  const step = async (doing: string, request: () => Promise<unknown>) => {
    try {
      await request();
    } catch (error) {
      throw classifyError(error, { doing });
    }
  };
  /**
   * Posts a stale or close comment once, unless it is there already. Right before posting, a
   * look at the repository's comments made since it was read (at most FRESH_MS old; one read
   * serves many posts) says whether someone else, a sweep started by another caller, posted
   * it meanwhile: then it is theirs, and the change is skipped. After a lost answer, a fresh
   * look says whether ours landed.
   */
  const comment = async (
    change: Change,
    doing: string,
    message: string,
    kind: "stale" | "close",
  ): Promise<ChangeOutcome> => {
    const n = change.issue.number;
    const there = (fresh = false) => recent.has(n, markers[kind], change.issue.updatedAt, fresh);
    let before: boolean;
    try {
      before = await there();
    } catch (error) {
      throw classifyError(error, { doing: `${doing}: checking whether it is there already` });
    }
    if (before) {
      // Another sweep is ahead in this repository, making the same plan: the rest is its.
      overtaken = true;
      return "skipped";
    }
    await createOnce({
      doing,
      landed: async () => ((await there(true)) ? true : undefined),
      create: async () => {
        const { data } = await client.rest.issues.createComment({
          ...issue(n),
          body: render(message, values, markers[kind]),
        });
        posted.push({ change, kind, id: Number(data.id), at: Date.parse(data.created_at) });
        return true;
      },
    });
    return "done";
  };
  const apply = async (change: Change): Promise<ChangeOutcome> => {
    if (overtaken) throw new LeaveTheRest(leftToOtherSweep);
    const n = change.issue.number;
    if (change.kind === "mark") {
      if (!change.labelled) {
        await step(`labelling #${n}`, () =>
          client.rest.issues.addLabels({ ...issue(n), labels: [settings.staleLabel] }),
        );
      }
      return await comment(
        change,
        `commenting on #${n} (the '${settings.staleLabel}' label is on it already)`,
        settings.staleMessage,
        "stale",
      );
    }
    if (change.kind === "unstale") {
      try {
        await client.rest.issues.removeLabel({ ...issue(n), name: settings.staleLabel });
      } catch (error) {
        // Someone took the label off between the read and now: the issue is already un-staled.
        if (httpStatus(error) === 404) return "skipped";
        throw classifyError(error, { doing: `removing '${settings.staleLabel}' from #${n}` });
      }
      return "done";
    }
    // A close comment someone else posted meanwhile is theirs, and so is the close after it.
    if (change.comment) {
      const posted = await comment(
        change,
        `commenting on #${n} before closing it`,
        settings.closeMessage,
        "close",
      );
      if (posted === "skipped") return "skipped";
    }
    await step(
      `closing #${n}${change.comment ? " (its close comment is posted; the next run closes it without another)" : ""}`,
      () =>
        client.rest.issues.update({
          ...issue(n),
          state: "closed",
          state_reason: settings.closeReason,
        }),
    );
    return "done";
  };
  const before = async () => {
    if (!capPlan(plan, run.cap.limit).createLabel) return {};
    if (run.dryRun) return { notice: `would create the missing label '${settings.staleLabel}'` };
    if (!client.budget.allows(run.floor)) return {};
    try {
      const notice = await createLabel(client, repo, settings.staleLabel);
      return notice ? { notice } : {};
    } catch (e) {
      return { warnings: [labelNotCreated((e as Error).message)] };
    }
  };
  const after = async () => {
    try {
      const undone = await takeBackDuplicates(client, repo, posted);
      return { undone };
    } catch (e) {
      return { warnings: [duplicatesNotChecked(classifyError(e).message)] };
    }
  };
  return {
    apply,
    describe: describeChange,
    cost: operationsCost(plan),
    content: contentOf,
    before,
    after,
  };
}
