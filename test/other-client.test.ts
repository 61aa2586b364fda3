import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_KINDS } from "../src/sim/event-kinds.ts";
import { addEventOfKind, daysAgo, NOW, smallWorld } from "../src/sim/small-world.fixture.ts";
import { startSim, type Sim } from "../src/sim/index.ts";
import { addComment, addIssue, addRun, addWorkflow, iso } from "../src/sim/state.ts";

/**
 * The simulator as a well-known third-party client sees it: @octokit/rest, the SDK most
 * published actions use, its endpoint methods and its `paginate` following `Link` headers,
 * with none of fleet's own client code in the way.
 */
let sim: Sim;
let octokit: Octokit;

beforeAll(async () => {
  const { state, repo } = smallWorld();
  for (let n = 1; n <= 130; n++) {
    const issue = addIssue(state, repo, {
      title: `issue ${n}`,
      user: "alice",
      created_at: daysAgo(200 - n),
      is_pull_request: n % 10 === 0,
    });
    if (n === 1) {
      for (let c = 0; c < 110; c++) addComment(state, issue, `comment ${c}`, "bob", daysAgo(50));
      for (const kind of EVENT_KINDS) addEventOfKind(state, repo, issue, kind, "carol", daysAgo(5));
    }
  }
  const ci = addWorkflow(state, repo, { name: "CI", file: "ci.yml", created_at: daysAgo(300) });
  for (let i = 0; i < 250; i++)
    addRun(state, repo, {
      workflow: ci,
      conclusion: i % 5 === 0 ? "skipped" : "success",
      created_at: iso(NOW - (250 - i) * 60_000),
    });
  sim = await startSim(state, { clock: "manual" });
  octokit = new Octokit({ auth: sim.token, baseUrl: sim.url });
});
afterAll(() => sim.close());

describe("@octokit/rest against the simulator", () => {
  it("paginates every open issue and pull request of a repository", async () => {
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: "acme",
      repo: "api",
      per_page: 50,
    });
    // 130 plus the issue whose cross-reference issue 1's timeline shows.
    expect(issues).toHaveLength(131);
    expect(issues.filter((i) => i.pull_request)).toHaveLength(13);
    expect(new Set(issues.map((i) => i.number)).size).toBe(131);
  });

  it("paginates workflow runs, unwrapping the runs from each page", async () => {
    const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
      owner: "acme",
      repo: "api",
      per_page: 100,
    });
    expect(runs).toHaveLength(250);
    const skipped = await octokit.paginate(octokit.rest.actions.listWorkflowRuns, {
      owner: "acme",
      repo: "api",
      workflow_id: "ci.yml",
      status: "skipped",
    });
    expect(skipped).toHaveLength(50);
    expect(skipped.every((r) => r.conclusion === "skipped")).toBe(true);
  });

  it("paginates a timeline of comments and every event kind, and the issue's events", async () => {
    const timeline = await octokit.paginate(octokit.rest.issues.listEventsForTimeline, {
      owner: "acme",
      repo: "api",
      issue_number: 1,
      per_page: 100,
    });
    expect(timeline).toHaveLength(110 + EVENT_KINDS.length);
    expect(new Set(timeline.map((e) => e.event))).toEqual(new Set(EVENT_KINDS));
    const events = await octokit.paginate(octokit.rest.issues.listEvents, {
      owner: "acme",
      repo: "api",
      issue_number: 1,
    });
    // actions/stale dates its label this way: the last `labeled` event of that label.
    const labeled = events.filter((e) => e.event === "labeled");
    expect(labeled.at(-1)).toMatchObject({
      actor: { login: "carol" },
      label: { name: "touched-1" },
    });
  });

  it("lists the Actions caches and reads the rate limit", async () => {
    const caches = await octokit.rest.actions.getActionsCacheList({ owner: "acme", repo: "api" });
    expect(caches.data).toEqual({ total_count: 0, actions_caches: [] });
    const limit = await octokit.rest.rateLimit.get();
    expect(limit.data.resources.core.limit).toBe(5000);
    expect(limit.data.resources.core.used).toBeGreaterThan(0);
  });
});
