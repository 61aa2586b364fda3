import {
  addComment,
  addIssue,
  addIssueLabel,
  addLabel,
  addRepo,
  addToken,
  createState,
  iso,
  type SimRepo,
  type SimState,
} from "../../sim/state.ts";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import { DAY_MS } from "./plan.ts";

/** The moment the fixture describes. */
export const FIXTURE_NOW = Date.parse("2026-06-01T00:00:00Z");
/** The sweeper's identity: the admin token's login. */
export const SWEEPER = "fleet-bot[bot]";
export const FIXTURE_TOKEN = "ghs_fixtureAdminToken0001";

type Ago = (days: number) => string;

function idleIssue(
  ago: Ago,
  state: SimState,
  repo: SimRepo,
  o: { title: string; ageDays: number; idleDays: number; labels?: string[]; pr?: boolean },
) {
  const issue = addIssue(state, repo, {
    title: o.title,
    user: "alice",
    created_at: ago(o.ageDays),
    is_pull_request: o.pr,
    labels: o.labels,
  });
  if (o.idleDays < o.ageDays) addComment(state, issue, "any news?", "bob", ago(o.idleDays));
  return issue;
}

/** An issue the sweeper marked `markedDays` ago (label + its comment), then optionally touched. */
function markedIssue(
  ago: Ago,
  state: SimState,
  repo: SimRepo,
  o: { title: string; markedDays: number; labels?: string[]; humanDaysAgo?: number },
) {
  const issue = idleIssue(ago, state, repo, {
    title: o.title,
    ageDays: 200,
    idleDays: 150,
    labels: o.labels,
  });
  addIssueLabel(state, repo, issue, "stale", SWEEPER, ago(o.markedDays));
  addComment(state, issue, `no activity ${markers.stale}`, SWEEPER, ago(o.markedDays));
  if (o.humanDaysAgo !== undefined)
    addComment(state, issue, "still relevant!", "carol", ago(o.humanDaysAgo));
  return issue;
}

/**
 * A small org, as it is at `now`, whose every issue plays one part of the sweep's rules, with defaults
 * (30 days to stale, 7 to close, `pinned`/`security` exempt):
 *
 * acme/api: #1 idle 40 days (mark), #2 idle 10 days (leave), #3 pinned idle 90 days (exempt),
 * #4 a pull request idle 90 days (never), #5 marked 10 days ago (close), #6 marked 10 days
 * ago with a human comment 2 days ago (un-stale), #7 marked 3 days ago (wait), #8 stale and
 * security (exempt), #9 idle 35 days with `bug` (mark).
 * acme/web: no `stale` label yet; #1 idle 45 days (mark, creating the label), #2 idle 5 days.
 * acme/old: archived, #1 idle 400 days (skipped with the repository).
 */
export function sweepFixture(now = FIXTURE_NOW): SimState {
  const ago: Ago = (days) => iso(now - days * DAY_MS);
  const state = createState({ now, seed: 7 });
  addToken(state, { token: FIXTURE_TOKEN, login: SWEEPER });
  const api = addRepo(state, { owner: "acme", name: "api", created_at: ago(500) });
  for (const name of ["stale", "pinned", "security", "bug"]) addLabel(state, api, { name });
  idleIssue(ago, state, api, { title: "Crash on start", ageDays: 60, idleDays: 40 });
  idleIssue(ago, state, api, { title: "Typo | in README", ageDays: 60, idleDays: 10 });
  idleIssue(ago, state, api, { title: "Roadmap", ageDays: 90, idleDays: 90, labels: ["pinned"] });
  idleIssue(ago, state, api, { title: "Fix crash", ageDays: 90, idleDays: 90, pr: true });
  markedIssue(ago, state, api, { title: "Old flake", markedDays: 10 });
  markedIssue(ago, state, api, { title: "Still wanted", markedDays: 10, humanDaysAgo: 2 });
  markedIssue(ago, state, api, { title: "Recently marked", markedDays: 3 });
  markedIssue(ago, state, api, { title: "CVE follow-up", markedDays: 60, labels: ["security"] });
  idleIssue(ago, state, api, {
    title: "Slow start-up",
    ageDays: 35,
    idleDays: 35,
    labels: ["bug"],
  });
  const web = addRepo(state, { owner: "acme", name: "web", created_at: ago(500) });
  idleIssue(ago, state, web, { title: "Broken link", ageDays: 45, idleDays: 45 });
  idleIssue(ago, state, web, { title: "New page", ageDays: 5, idleDays: 5 });
  const old = addRepo(state, { owner: "acme", name: "old", created_at: ago(900), archived: true });
  idleIssue(ago, state, old, { title: "Ancient", ageDays: 400, idleDays: 400 });
  return state;
}
