import { describe, expect, it } from "vitest";
import { blobSha, getRepo, type SimRepo, type SimState } from "../state.ts";
import { buildScenario } from "./build.ts";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import { tokenOf } from "./build-tokens.ts";
import { dumpState } from "./dump.ts";
import { largeSpec, smallSpec } from "./named.ts";
import type { ScenarioSpec } from "./spec.ts";
import { countState } from "./summary.ts";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const DAY = 86_400_000;
const BOT = "fleet-bot[bot]";

function repo(state: SimState, fullName: string): SimRepo {
  const [owner, name] = fullName.split("/");
  const found = getRepo(state, owner!, name!);
  if (!found) throw new Error(`no ${fullName}`);
  return found;
}

const t = (iso: string) => Date.parse(iso);

/** One repository with 200 issues and round shares, so every count below is exact. */
const sharesSpec: ScenarioSpec = {
  now: NOW,
  orgs: [
    {
      login: "acme",
      boards: [
        { number: 7, title: "Roadmap" },
        { number: 3, title: "Triage", statusOptions: ["New"] },
      ],
      repos: [
        {
          name: "api",
          issues: {
            count: 200,
            ageDays: [10, 400],
            idleDays: [5, 100],
            pullRequestShare: 0.1,
            closedShare: 0.1,
            exemptShare: 0.2,
            stale: { share: 0.1, markedDays: [1, 10], activityShare: 0.25 },
            boards: [
              { number: 7, share: 0.5, archivedShare: 0.1 },
              { number: 3, share: 0.25 },
            ],
          },
        },
      ],
    },
  ],
};

describe("buildScenario", () => {
  it("is deterministic: the same spec gives the same state, another seed another", () => {
    const a = dumpState(buildScenario(smallSpec(NOW)));
    expect(dumpState(buildScenario(smallSpec(NOW)))).toBe(a);
    expect(dumpState(buildScenario(smallSpec(NOW, 2)))).not.toBe(a);
    expect(a).toContain('"login":"acme"');
  });

  it("draws each repository from its own stream: adding one leaves the others as they were", () => {
    const one = buildScenario(sharesSpec);
    const org = sharesSpec.orgs![0]!;
    const two = buildScenario({
      ...sharesSpec,
      orgs: [{ ...org, repos: [{ name: "aaa", issues: { count: 30 } }, ...org.repos!] }],
    });
    const view = (s: SimState) =>
      repo(s, "acme/api").issues.map((i) => [i.title, i.created_at, i.updated_at, i.labels]);
    expect(view(two)).toEqual(view(one));
  });

  it("gives every role its exact share of the issues", () => {
    const state = buildScenario(sharesSpec);
    const issues = repo(state, "acme/api").issues;
    expect(issues).toHaveLength(200);
    const pulls = issues.filter((i) => i.is_pull_request);
    const plain = issues.filter((i) => !i.is_pull_request);
    expect(pulls).toHaveLength(20);
    expect(plain.filter((i) => i.state === "closed")).toHaveLength(18);
    expect(
      plain.filter((i) => i.labels.some((l) => l === "pinned" || l === "security")),
    ).toHaveLength(36);
    const open = plain.filter((i) => i.state === "open");
    expect(open).toHaveLength(162);
    const stale = open.filter((i) => i.labels.includes("stale"));
    expect(stale).toHaveLength(16);
    // Neither pull requests nor closed issues were marked stale or put on a board.
    expect(issues.filter((i) => i.labels.includes("stale"))).toHaveLength(16);
    const [roadmap, triage] = state.projects;
    expect(roadmap!.items).toHaveLength(81);
    expect(roadmap!.items.filter((i) => i.archived)).toHaveLength(8);
    expect(triage!.items).toHaveLength(41);
    const onBoards = new Set([...roadmap!.items, ...triage!.items].map((i) => i.contentNodeId));
    expect(onBoards.size).toBe(122);
    expect([...onBoards].every((id) => open.some((i) => i.node_id === id))).toBe(true);
    for (const item of roadmap!.items) {
      const statusField = roadmap!.fields[0]!;
      expect(statusField.options.map((o) => o.id)).toContain(item.fieldValues[statusField.id]);
    }
  });

  it("puts no human comment in a mark's second, even when issues go idle after their mark date", () => {
    const org = sharesSpec.orgs![0]!;
    const state = buildScenario({
      ...sharesSpec,
      orgs: [
        {
          ...org,
          repos: [
            {
              name: "api",
              issues: {
                count: 100,
                idleDays: [0, 1],
                comments: [1, 3],
                stale: { share: 0.5, markedDays: [0, 10], activityShare: 0.5 },
              },
            },
          ],
        },
      ],
    });
    let marked = 0;
    for (const issue of repo(state, "acme/api").issues) {
      const mark = issue.comments.find((c) => c.user === BOT);
      if (!mark) continue;
      marked++;
      const second = (iso: string) => Math.floor(t(iso) / 1000);
      const ties = issue.comments.filter(
        (c) => c.user !== BOT && second(c.created_at) === second(mark.created_at),
      );
      expect(ties).toEqual([]);
    }
    expect(marked).toBe(50);
  });

  it("keeps issue histories consistent: creation order, chronological events, idle and stale marks", () => {
    const state = buildScenario(sharesSpec);
    const issues = repo(state, "acme/api").issues;
    issues.forEach((issue, i) => {
      expect(issue.number).toBe(i + 1);
      if (i > 0) expect(t(issue.created_at)).toBeGreaterThanOrEqual(t(issues[i - 1]!.created_at));
      const age = (NOW - t(issue.created_at)) / DAY;
      expect(age).toBeGreaterThanOrEqual(10 - 1 / 86_400);
      expect(age).toBeLessThanOrEqual(400);
      const times = issue.events.map((e) => t(e.created_at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(issue.updated_at).toBe(issue.events.at(-1)?.created_at ?? issue.created_at);
      const human = issue.comments.filter((c) => c.user !== BOT);
      const marks = issue.comments.filter((c) => c.user === BOT);
      if (!issue.labels.includes("stale")) {
        expect(marks).toHaveLength(0);
        if (issue.state === "open") {
          // Idle for 5 to 100 days, or since creation when the issue is younger than that.
          const idle = (NOW - t(issue.updated_at)) / DAY;
          expect(idle).toBeLessThanOrEqual(100);
          if (idle < 5 - 1 / 86_400) expect(issue.updated_at).toBe(issue.created_at);
        }
        return;
      }
      expect(marks).toHaveLength(1);
      expect(marks[0]!.body).toContain(markers.stale);
      const labeled = issue.events.find((e) => e.event === "labeled" && e.label === "stale");
      expect(labeled?.actor).toBe(BOT);
      expect(labeled?.created_at).toBe(marks[0]!.created_at);
      const markedDaysAgo = (NOW - t(marks[0]!.created_at)) / DAY;
      expect(markedDaysAgo).toBeLessThanOrEqual(10);
      expect(
        human.filter((c) => t(c.created_at) > t(marks[0]!.created_at)).length,
      ).toBeLessThanOrEqual(1);
      // Real activity is strictly before or after the mark, never in its second.
      const mark = Math.floor(t(marks[0]!.created_at) / 1000);
      expect(human.filter((c) => Math.floor(t(c.created_at) / 1000) === mark)).toEqual([]);
    });
    const stale = issues.filter((i) => i.labels.includes("stale"));
    const mark = (i: (typeof stale)[number]) =>
      t(i.comments.find((c) => c.user === BOT)!.created_at);
    const activeAfter = stale.filter((i) =>
      i.comments.some((c) => c.user !== BOT && t(c.created_at) > mark(i)),
    );
    expect(activeAfter).toHaveLength(4);
  });

  it("adds runs in ascending creation order with each workflow's mix, active tail and state", () => {
    const state = buildScenario({
      now: NOW,
      orgs: [
        {
          login: "acme",
          repos: [
            {
              name: "api",
              workflows: [
                {
                  file: "ci.yml",
                  name: "CI",
                  runs: 300,
                  active: 3,
                  conclusions: { success: 1, failure: 1 },
                },
                { file: "bot.yml", runs: 200, conclusions: { skipped: 1 }, ageDays: [0, 10] },
                { file: "old.yml", state: "deleted", runs: 50, ageDays: [100, 200] },
                { file: "cd.yml", dispatch: { version: { required: true } } },
              ],
            },
          ],
        },
      ],
    });
    const r = repo(state, "acme/api");
    const [ci, bot, old, cd] = r.workflows;
    expect(r.workflows.map((w) => [w.name, w.path, w.state])).toEqual([
      ["CI", ".github/workflows/ci.yml", "active"],
      ["bot", ".github/workflows/bot.yml", "active"],
      ["old", ".github/workflows/old.yml", "deleted"],
      ["cd", ".github/workflows/cd.yml", "active"],
    ]);
    expect(ci!.dispatchInputs).toBeNull();
    expect(cd!.dispatchInputs).toEqual({ version: { required: true } });
    const runs = [...r.runs.values()];
    expect(runs).toHaveLength(550);
    const created = runs.map((x) => t(x.created_at));
    expect(created).toEqual([...created].sort((a, b) => a - b));
    const of = (id: number) => runs.filter((x) => x.workflow_id === id);
    expect(of(ci!.id)).toHaveLength(300);
    expect(new Set(of(ci!.id).map((x) => x.conclusion))).toEqual(
      new Set(["success", "failure", null]),
    );
    const active = of(ci!.id).filter((x) => x.status !== "completed");
    expect(active).toHaveLength(3);
    expect(active.every((x) => NOW - t(x.created_at) <= 30 * 60_000)).toBe(true);
    expect(
      of(bot!.id).every((x) => x.conclusion === "skipped" && x.event.startsWith("issue")),
    ).toBe(true);
    expect(of(old!.id).every((x) => (NOW - t(x.created_at)) / DAY >= 100)).toBe(true);
    expect(of(ci!.id).map((x) => x.run_number)).toEqual(
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
  });

  it("builds tokens, files on branches, archived repositories and disabled Actions", () => {
    const state = buildScenario(smallSpec(NOW));
    const admin = state.tokens.get(state.adminToken)!;
    expect(admin).toMatchObject({ login: BOT, repositories: "*", hourlyLimit: 5000 });
    expect(Object.values(admin.permissions).every((p) => p === "write")).toBe(true);
    expect(admin.permissions.organization_projects).toBe("write");
    const scoped = state.tokens.get(tokenOf(state, "github-actions[bot]"))!;
    expect(scoped).toMatchObject({
      kind: "github_token",
      repositories: ["acme/api"],
      hourlyLimit: 1000,
    });
    expect(scoped.permissions).toEqual({
      metadata: "read",
      issues: "write",
      pull_requests: "write",
      actions: "write",
      contents: "write",
    });
    const reader = state.tokens.get(tokenOf(state, "reader"))!;
    expect(Object.values(reader.permissions).every((p) => p === "read")).toBe(true);
    expect(() => tokenOf(state, "nobody")).toThrow("no token with login 'nobody'");

    const smoke = repo(state, "acme/smoke");
    const branch = smoke.branches.get("fleet-smoke-state")!;
    const file = branch.files.get("smoke-state/example-package.json")!;
    expect(file.sha).toBe(blobSha(file.content));
    expect(smoke.commits.get(branch.sha)).toBe(branch.files);
    expect(branch.files.has("README.md")).toBe(true);
    expect(smoke.branches.get("main")!.files.has("smoke-state/example-package.json")).toBe(false);
    // The scenario's commit sits on top of the repository's initial commit, unsigned.
    const commit = smoke.commitInfo.get(branch.sha)!;
    expect(commit.parents).toEqual([smoke.branches.get("main")!.sha]);
    expect(smoke.commitInfo.get(commit.parents[0]!)).toMatchObject({
      message: "Initial commit",
      parents: [],
      signature: null,
    });

    expect(repo(state, "acme/legacy").archived).toBe(true);
    expect(repo(state, "acme/no-actions").actions_enabled).toBe(false);
    expect(repo(state, "acme/api").actions_enabled).toBe(true);
  });

  it("builds branch rules", () => {
    const state = buildScenario({
      now: NOW,
      orgs: [
        {
          login: "acme",
          repos: [
            {
              name: "api",
              rules: [{ pattern: "main", deletion: true, nonFastForward: true }],
            },
          ],
        },
      ],
    });
    expect(repo(state, "acme/api").rules).toEqual([
      { pattern: "main", creation: false, update: false, deletion: true, non_fast_forward: true },
    ]);
    expect(() =>
      buildScenario({
        orgs: [
          { login: "acme", repos: [{ name: "api", rules: [{ pattern: "main", force: true }] }] },
        ],
      } as never),
    ).toThrow(/found unknown key 'force'/);
  });

  it("builds fleet-sized orgs: 100 repositories x 200 issues, and 20,000 runs in one", () => {
    const state = buildScenario(largeSpec(NOW));
    const counts = countState(state);
    expect(counts).toMatchObject({
      orgs: 1,
      repositories: 101,
      issues: 19_000,
      pullRequests: 1_000,
    });
    expect(repo(state, "acme/repo-001").issues).toHaveLength(200);
    expect(repo(state, "acme/repo-100").issues).toHaveLength(200);
    expect(repo(state, "acme/monorepo").runs.size).toBe(20_000);
    const runs = [...repo(state, "acme/monorepo").runs.values()];
    expect(runs.filter((r) => r.conclusion === "skipped").length / runs.length).toBeCloseTo(0.6, 1);
  });
});
