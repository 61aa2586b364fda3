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

describe("@octokit/rest proposing a change as a pull request", () => {
  const repo = { owner: "acme", repo: "api" };

  it("branches, commits a file, opens a pull request, asks for review and labels it", async () => {
    const main = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    const base = main.data.object.sha;
    await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/fleet/adl", sha: base });
    const put = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: ".adl-version",
      message: "Bump ADL to 0.10.0",
      content: Buffer.from("0.10.0\n").toString("base64"),
      branch: "fleet/adl",
    });
    const commit = await octokit.rest.git.getCommit({ ...repo, commit_sha: put.data.commit.sha! });
    expect(commit.data.parents.map((p) => p.sha)).toEqual([base]);
    expect(commit.data.verification).toMatchObject({ verified: true, reason: "valid" });
    const tree = await octokit.rest.git.getTree({
      ...repo,
      tree_sha: commit.data.tree.sha,
      recursive: "1",
    });
    const entry = tree.data.tree.find((e) => e.path === ".adl-version")!;
    expect(entry.mode).toBe("100644");
    const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: entry.sha! });
    expect(Buffer.from(blob.data.content, "base64").toString("utf8")).toBe("0.10.0\n");

    const pr = await octokit.rest.pulls.create({
      ...repo,
      title: "Bump ADL to 0.10.0",
      head: "acme:fleet/adl",
      base: "main",
      body: "Bumps the ADL CLI.",
    });
    expect(pr.data.head.sha).toBe(put.data.commit.sha);
    const again = await octokit.rest.pulls
      .create({ ...repo, title: "again", head: "acme:fleet/adl", base: "main" })
      .catch(
        (error: { status: number; response: { data: { errors: { message: string }[] } } }) => error,
      );
    expect("status" in again && again.status).toBe(422);
    expect("response" in again && again.response.data.errors[0]!.message).toBe(
      "A pull request already exists for acme:fleet/adl.",
    );
    const requested = await octokit.rest.pulls.requestReviewers({
      ...repo,
      pull_number: pr.data.number,
      reviewers: ["alice"],
      team_reviewers: ["platform"],
    });
    expect(requested.data.requested_teams?.map((t) => t.slug)).toEqual(["platform"]);
    await octokit.rest.issues.update({
      ...repo,
      issue_number: pr.data.number,
      labels: ["dependencies"],
      assignees: ["bob"],
    });
    const open = await octokit.paginate(octokit.rest.pulls.list, {
      ...repo,
      head: "acme:fleet/adl",
      state: "open",
    });
    expect(
      open.map((p) => [p.number, p.labels.map((l) => l.name), p.assignees?.map((a) => a.login)]),
    ).toEqual([[pr.data.number, ["dependencies"], ["bob"]]]);
    const all = await octokit.paginate(octokit.rest.pulls.list, {
      ...repo,
      state: "all",
      per_page: 5,
    });
    expect(all).toHaveLength(14);
  });

  it("moves a branch back only with force, and deletes it once", async () => {
    const main = (await octokit.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/scratch", sha: main });
    const put = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "scratch.txt",
      message: "scratch",
      content: Buffer.from("x").toString("base64"),
      branch: "scratch",
    });
    expect(put.data.commit.sha).not.toBe(main);
    const refused = await octokit.rest.git
      .updateRef({ ...repo, ref: "heads/scratch", sha: main })
      .catch((error: { status: number; message: string }) => error);
    expect(refused).toMatchObject({ status: 422 });
    const forced = await octokit.rest.git.updateRef({
      ...repo,
      ref: "heads/scratch",
      sha: main,
      force: true,
    });
    expect(forced.data.object.sha).toBe(main);
    expect((await octokit.rest.git.deleteRef({ ...repo, ref: "heads/scratch" })).status).toBe(204);
    const twice = await octokit.rest.git
      .deleteRef({ ...repo, ref: "heads/scratch" })
      .catch((error: { status: number; message: string }) => error);
    expect(twice).toMatchObject({ status: 422 });
    expect("message" in twice && twice.message).toContain("Reference does not exist");
  });
});
