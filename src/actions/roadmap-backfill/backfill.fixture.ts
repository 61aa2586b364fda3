import {
  addIssue,
  addProject,
  addProjectItem,
  addRepo,
  addToken,
  closeIssue,
  createState,
  iso,
  type SimIssue,
  type SimProject,
  type SimRepo,
  type SimState,
} from "../../sim/state.ts";
import { addBoardTestTokens } from "../../sim/small-world.fixture.ts";

/** The fixture's moment. */
export const NOW = Date.parse("2026-06-01T00:00:00Z");
const DAY = 86_400_000;

/** Tokens: every permission; a workflow's GITHUB_TOKEN; an App that may only read boards. */
export const TOKENS = {
  admin: "ghs_backfillAdminSecret01",
  workflow: "ghs_backfillWorkflowToken1",
  reader: "ghs_backfillBoardReader001",
} as const;

/** A small org built with the simulator's own mutators. */
export interface BackfillFixture {
  state: SimState;
  roadmap: SimProject;
  other: SimProject;
  api: SimRepo;
  web: SimRepo;
  /** acme/api's open issues on no board, oldest first. */
  orphans: SimIssue[];
  /** acme/api issues that are on a board already (one archived on the other board). */
  tracked: SimIssue[];
}

/**
 * acme/api: 4 orphans, one issue on the roadmap (Status "In progress"), one on another board,
 * one archived on another board, a closed issue and a pull request (both on no board).
 * acme/web: 2 orphans. acme/attic: archived, with an orphan. Boards 7 "Roadmap" (Todo,
 * In progress, Done) and 8 "Ideas".
 */
export function backfillFixture(
  o: { orphans?: number; hourlyLimit?: number } = {},
): BackfillFixture {
  const state = createState({ now: NOW });
  const at = (daysAgo: number) => iso(NOW - daysAgo * DAY);
  addToken(state, {
    token: TOKENS.admin,
    login: "fleet-bot[bot]",
    hourlyLimit: o.hourlyLimit ?? 5000,
  });
  addBoardTestTokens(state, TOKENS);
  const api = addRepo(state, { owner: "acme", name: "api", created_at: at(500) });
  const web = addRepo(state, { owner: "acme", name: "web", created_at: at(500) });
  const attic = addRepo(state, {
    owner: "acme",
    name: "attic",
    archived: true,
    created_at: at(900),
  });
  const roadmap = addProject(state, {
    owner: "acme",
    number: 7,
    title: "Roadmap",
    statusOptions: ["Todo", "In progress", "Done"],
  });
  const other = addProject(state, {
    owner: "acme",
    number: 8,
    title: "Ideas",
    statusOptions: ["New"],
  });

  let day = 300;
  const issue = (repo: SimRepo, title: string, pr = false) =>
    addIssue(state, repo, { title, user: "alice", created_at: at(day--), is_pull_request: pr });
  const orphans: SimIssue[] = [];
  const onRoadmap = issue(api, "Dark mode");
  const item = addProjectItem(state, roadmap, onRoadmap.node_id, at(day));
  item.fieldValues[roadmap.fields[0]!.id] = roadmap.fields[0]!.options[1]!.id;
  const onOther = issue(api, "Plugin system");
  addProjectItem(state, other, onOther.node_id, at(day));
  const archivedOnOther = issue(api, "Old idea");
  addProjectItem(state, other, archivedOnOther.node_id, at(day)).archived = true;
  closeIssue(state, issue(api, "Typo in docs"), "completed", "alice", at(day));
  issue(api, "Fix the crash", true);
  // Brackets in a title must not break the summary's links.
  for (let i = 0; i < (o.orphans ?? 4); i++)
    orphans.push(issue(api, `Orphan ${i + 1}${i === 3 ? " [ui]" : ""}`));
  issue(web, "Broken link");
  issue(web, "Slow page");
  issue(attic, "Legacy bug");
  return {
    state,
    roadmap,
    other,
    api,
    web,
    orphans,
    tracked: [onRoadmap, onOther, archivedOnOther],
  };
}

/** The board items of an issue: board number and Status name (or null), archived ones included. */
export function placements(f: BackfillFixture, issue: SimIssue) {
  return f.state.projects.flatMap((p) =>
    p.items
      .filter((i) => i.contentNodeId === issue.node_id)
      .map((i) => {
        const field = p.fields[0]!;
        const option = field.options.find((x) => x.id === i.fieldValues[field.id]);
        return { board: p.number, status: option?.name ?? null };
      }),
  );
}
