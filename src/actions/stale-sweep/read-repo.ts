import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import type { RepoRef } from "../../core/repository.ts";
import {
  isMarkCandidate,
  needsTimeline,
  staleCutoff,
  type IssueSummary,
  type RepoSnapshot,
  type SweepRules,
} from "./plan.ts";
import { readMark, type TimelineEntry } from "./read-mark.ts";
import { ARCHIVED_NOTICE } from "../../core/archived.ts";

/** GitHub's largest page. */
const PER_PAGE = 100;

/** What reading a repository found: a snapshot to plan from, or why there is nothing to sweep. */
export type RepoRead = { skip: string } | { snapshot: RepoSnapshot };

interface RawIssue {
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

function summary(i: RawIssue): IssueSummary {
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
): Promise<RepoRead> {
  const at = { owner: repo.owner, repo: repo.repo };
  let info;
  try {
    info = (await client.rest.repos.get(at)).data;
  } catch (error) {
    throw classifyError(error, { doing: `reading ${repo.fullName}` });
  }
  if (info.archived) return { skip: ARCHIVED_NOTICE };
  if (!info.has_issues) return { skip: "issues are turned off in this repository: skipped" };

  const staleLabeled = await listPages<RawIssue>(
    `open issues labelled '${rules.staleLabel}'`,
    client.paginate.iterator(client.rest.issues.listForRepo, {
      ...at,
      state: "open",
      labels: rules.staleLabel,
      per_page: PER_PAGE,
    }),
  );
  const cutoff = staleCutoff(now, rules);
  const idle = await listPages<RawIssue>(
    "open issues by last update",
    client.paginate.iterator(client.rest.issues.listForRepo, {
      ...at,
      state: "open",
      sort: "updated",
      direction: "asc",
      per_page: PER_PAGE,
    }),
    (page) => page.length > 0 && Date.parse(page[page.length - 1]!.updated_at) > cutoff,
  );

  const snapshot: RepoSnapshot = {
    staleLabeled: [],
    idle: idle.map(summary),
    labelExists: staleLabeled.length > 0,
  };
  for (const raw of staleLabeled) {
    const issue = summary(raw);
    if (!needsTimeline(issue, rules)) {
      snapshot.staleLabeled.push({ issue });
      continue;
    }
    const timeline = await listPages<RawTimelineEntry>(
      `the timeline of #${issue.number}`,
      client.paginate.iterator(client.rest.issues.listEventsForTimeline, {
        ...at,
        issue_number: issue.number,
        per_page: PER_PAGE,
      }) as AsyncIterable<{ data: RawTimelineEntry[] }>,
    );
    snapshot.staleLabeled.push({ issue, mark: readMark(timeline.map(entry), rules.staleLabel) });
  }
  if (!snapshot.labelExists && snapshot.idle.some((i) => isMarkCandidate(i, rules, now))) {
    const labels = await listPages(
      "labels",
      client.paginate.iterator(client.rest.issues.listLabelsForRepo, { ...at, per_page: PER_PAGE }),
    );
    const wanted = rules.staleLabel.toLowerCase();
    snapshot.labelExists = labels.some((l) => l.name.toLowerCase() === wanted);
  }
  return { snapshot };
}
