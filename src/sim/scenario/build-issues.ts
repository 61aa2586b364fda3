import type { Random } from "../prng.ts";
import {
  addComment,
  addIssue,
  addIssueLabel,
  addLabel,
  addProjectItem,
  closeIssue,
  getLabel,
  iso,
  type SimProject,
  type SimRepo,
  type SimState,
} from "../state.ts";
import { between, chooseShare, DAY, pick, randomInRange, shuffled } from "./sample.ts";
import type { IssuesSpec } from "./spec.ts";
// Already-stale issues carry the comment stale-sweep itself posts, hidden marker included.
import { staleSweepMarkers as markers } from "../../core/markers.ts";

const MINUTE = 60_000;

/** The people who file issues and comment in generated scenarios. */
export const HUMANS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];

const problems = [
  "Crash",
  "Timeout",
  "Flaky test",
  "Typo",
  "Memory leak",
  "Wrong exit code",
  "Slow start-up",
  "Missing type hints",
  "Unclear error",
  "Deprecation warning",
];
const areas = [
  "the CLI",
  "config parsing",
  "the retry loop",
  "the README",
  "authentication",
  "pagination",
  "the installer",
  "logging",
  "the examples",
  "streaming",
];
const colors = ["d73a4a", "a2eeef", "0075ca", "7057ff", "008672", "e4e669", "fbca04", "c5def5"];

/** What the issue builder needs besides the repository's spec. */
export interface IssueContext {
  random: Random;
  /** The scenario's "now", epoch ms. */
  now: number;
  /** The bot's login: it marked the already-stale issues. */
  bot: string;
  /** The org's boards by number. */
  boards: Map<number, SimProject>;
}

interface Roles {
  pullRequests: Set<number>;
  closed: Set<number>;
  exempt: Set<number>;
  stale: Set<number>;
  activeAfterMark: Set<number>;
  /** Index -> board and whether its item is archived. */
  placement: Map<number, { project: SimProject; archived: boolean }>;
}

/** Decides which issues play which part, with exact shares (see chooseShare). */
function assignRoles(spec: IssuesSpec, context: IssueContext): Roles {
  const { random } = context;
  const all = Array.from({ length: spec.count }, (_, i) => i);
  const pullRequests = chooseShare(random, all, spec.pullRequestShare);
  const issues = all.filter((i) => !pullRequests.has(i));
  const closed = chooseShare(random, issues, spec.closedShare);
  const exempt = chooseShare(random, issues, spec.exemptShare);
  const open = issues.filter((i) => !closed.has(i));
  const stale = chooseShare(random, open, spec.stale.share);
  const activeAfterMark = chooseShare(random, [...stale], spec.stale.activityShare);
  const placement: Roles["placement"] = new Map();
  const order = shuffled(random, open);
  let at = 0;
  for (const p of spec.boards) {
    const project = context.boards.get(p.number);
    if (!project) throw new Error(`board ${p.number} is not defined`);
    const slice = order.slice(at, at + Math.round(p.share * open.length));
    at += slice.length;
    const archived = Math.round(p.archivedShare * slice.length);
    slice.forEach((index, k) => placement.set(index, { project, archived: k < archived }));
  }
  return { pullRequests, closed, exempt, stale, activeAfterMark, placement };
}

function ensureLabels(state: SimState, repo: SimRepo, names: string[]) {
  names.forEach((name, i) => {
    if (!getLabel(repo, name)) addLabel(state, repo, { name, color: colors[i % colors.length] });
  });
}

/** Comment times: `count` in `[from, to]`, ascending, the last at `to` (the last activity). */
function commentTimes(random: Random, count: number, from: number, to: number): number[] {
  if (count === 0) return [];
  const times = Array.from({ length: count - 1 }, () => between(random, [from, to]));
  times.sort((a, b) => a - b);
  times.push(to);
  return times;
}

/**
 * Adds a repository's issues and pull requests: numbers in creation order, human comments up
 * to each issue's last activity, exempt and ordinary labels, issues the bot already marked
 * stale (label + marker comment, some with a human comment after), closed issues, and open
 * issues placed on the org's boards with a Status (some items archived).
 */
export function buildIssues(
  state: SimState,
  repo: SimRepo,
  spec: IssuesSpec,
  context: IssueContext,
): void {
  const { random, now, bot } = context;
  ensureLabels(state, repo, [...spec.labels, ...spec.exemptLabels, spec.stale.label]);
  const ages = Array.from({ length: spec.count }, () => between(random, spec.ageDays) * DAY);
  ages.sort((a, b) => b - a);
  const roles = assignRoles(spec, context);
  const ordinary = [undefined, ...spec.labels];

  ages.forEach((age, i) => {
    const created = now - age;
    const author = pick(random, HUMANS);
    const isPullRequest = roles.pullRequests.has(i);
    const labels = [
      pick(random, ordinary),
      roles.exempt.has(i) ? pick(random, spec.exemptLabels) : undefined,
    ];
    const what = `${pick(random, problems)} in ${pick(random, areas)}`;
    const issue = addIssue(state, repo, {
      title: isPullRequest ? `Fix ${what.toLowerCase()}` : what,
      body: `Seen on ${repo.default_branch}. Filed by @${author}.`,
      user: author,
      created_at: iso(created),
      is_pull_request: isPullRequest,
      labels: labels.filter((l): l is string => l !== undefined),
    });

    let last = Math.max(created, now - between(random, spec.idleDays) * DAY);
    // Real activity is strictly before or after a mark, never in its second: the last human
    // comment comes at least a minute before the mark, and a mark leaves two minutes before
    // "now" for a comment after it.
    const markAt =
      now - Math.min(Math.max(between(random, spec.stale.markedDays) * DAY, 2 * MINUTE), age);
    if (roles.stale.has(i)) last = Math.max(created, Math.min(last, markAt - MINUTE));
    // The last activity is a human comment, so an issue is idle for as long as the spec asked.
    const wanted = randomInRange(random, spec.comments);
    const count = last - created >= MINUTE ? Math.max(1, wanted) : 0;
    for (const at of commentTimes(random, count, created, last))
      addComment(
        state,
        issue,
        `Still seeing this (${pick(random, areas)}).`,
        pick(random, HUMANS),
        iso(at),
      );

    if (roles.stale.has(i)) {
      addIssueLabel(state, repo, issue, spec.stale.label, bot, iso(markAt));
      addComment(
        state,
        issue,
        `This issue has had no activity for a while, so it is labeled \`${spec.stale.label}\`. ` +
          `It will be closed unless there is new activity; comment to keep it open.\n\n${markers.stale}`,
        bot,
        iso(markAt),
      );
      if (roles.activeAfterMark.has(i)) {
        const at = Math.min(
          now,
          between(random, [markAt + MINUTE, Math.max(now, markAt + MINUTE)]),
        );
        addComment(state, issue, "This still matters to us, please keep it open.", author, iso(at));
      }
    }
    if (roles.closed.has(i))
      closeIssue(state, issue, "completed", author, iso(between(random, [last, now])));

    const placed = roles.placement.get(i);
    if (placed) {
      const at = iso(between(random, [created, now]));
      const item = addProjectItem(state, placed.project, issue.node_id, at);
      const status = placed.project.fields[0];
      if (status) item.fieldValues[status.id] = pick(random, status.options).id;
      item.archived = placed.archived;
    }
  });
}
