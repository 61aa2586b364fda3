import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import { httpStatus } from "../../core/http-status.ts";
import type { RepoRef } from "../../core/repository.ts";
import { parseMarker } from "./marker.ts";
import type { TrackedIssue } from "./tracked-issue.ts";

interface IssueLike {
  number: number;
  html_url: string;
  created_at: string;
  locked?: boolean;
  body?: string | null;
  state?: string;
  pull_request?: unknown;
  labels: (string | { name?: string })[];
}

const labelNames = (i: IssueLike) =>
  i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((n) => n !== "");

/** The open tracking issues by package, and what was odd about the others that carry the label. */
export interface TrackingIssues {
  byPackage: Map<string, TrackedIssue>;
  warnings: string[];
}

function tracked(i: IssueLike, pkg: string, milestones: number[]): TrackedIssue {
  return {
    number: i.number,
    package: pkg,
    milestones,
    url: i.html_url,
    createdAt: i.created_at,
    locked: i.locked === true,
    body: i.body ?? "",
    labels: labelNames(i),
  };
}

/**
 * The open tracking issues: open issues with `label` whose body carries the marker. Found by
 * listing (not the search API, which is eventually consistent and allows 30 requests a
 * minute). Two open issues for one package keep the older; the other is reported.
 */
export async function listTrackingIssues(
  client: FleetClient,
  repo: RepoRef,
  label: string,
): Promise<TrackingIssues> {
  let issues: IssueLike[];
  try {
    issues = (await client.paginate(client.rest.issues.listForRepo, {
      owner: repo.owner,
      repo: repo.repo,
      state: "open",
      labels: label,
      sort: "created",
      direction: "asc",
      per_page: 100,
    })) as IssueLike[];
  } catch (error) {
    throw classifyError(error, {
      doing: `listing open issues labelled ${label}`,
      repository: repo.fullName,
    });
  }
  const byPackage = new Map<string, TrackedIssue>();
  const warnings: string[] = [];
  for (const i of issues.filter((x) => !x.pull_request).sort((a, b) => a.number - b.number)) {
    const marker = parseMarker(i.body);
    if (marker === undefined) continue;
    if ("problem" in marker) {
      warnings.push(`#${i.number} carries ${label} but ${marker.problem}: it is not tracked`);
      continue;
    }
    const first = byPackage.get(marker.package);
    if (first) {
      warnings.push(
        `#${i.number} is a second open tracking issue for ${marker.package} (the bot uses #${first.number}); close one of them`,
      );
      continue;
    }
    byPackage.set(marker.package, tracked(i, marker.package, marker.milestones));
  }
  return { byPackage, warnings };
}

/**
 * Looks up the issue a state remembers when the listing did not show it (a listing made
 * before another run opened it, or a human closed, unlabelled or deleted it). Undefined when
 * it is no longer an open tracking issue of `pkg`.
 */
export async function confirmTrackingIssue(
  client: FleetClient,
  repo: RepoRef,
  number: number,
  label: string,
  pkg: string,
): Promise<TrackedIssue | undefined> {
  let issue: IssueLike;
  try {
    issue = (
      await client.rest.issues.get({ owner: repo.owner, repo: repo.repo, issue_number: number })
    ).data as IssueLike;
  } catch (error) {
    const status = httpStatus(error);
    // Deleted (410) or gone (404): a human removed it; the repository itself was readable.
    if (status === 404 || status === 410) return undefined;
    throw classifyError(error, { doing: `reading issue #${number}`, repository: repo.fullName });
  }
  const marker = parseMarker(issue.body);
  const labelled = labelNames(issue).some((l) => l.toLowerCase() === label.toLowerCase());
  if (issue.state !== "open" || !labelled || !marker || "problem" in marker) return undefined;
  if (marker.package !== pkg) return undefined;
  return tracked(issue, pkg, marker.milestones);
}
