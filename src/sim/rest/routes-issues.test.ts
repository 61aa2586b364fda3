import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, daysAgo, smallWorld } from "../small-world.fixture.ts";
import { startSim, type Sim } from "../index.ts";
import { addIssue, addLabel, closeIssue, type SimRepo } from "../state.ts";

type Issue = {
  number: number;
  state: string;
  state_reason: string | null;
  labels: { name: string }[];
  pull_request?: unknown;
  comments: number;
  updated_at: string;
  closed_at: string | null;
};

let sim: Sim;
let repo: SimRepo;

beforeAll(async () => {
  const world = smallWorld();
  repo = world.repo;
  const { state } = world;
  addLabel(state, repo, { name: "bug", color: "d73a4a" });
  // 1..250: issues and every fifth a pull request; older numbers were updated earlier.
  for (let n = 1; n <= 250; n++) {
    const issue = addIssue(state, repo, {
      title: `issue ${n}`,
      user: n % 2 === 0 ? "alice" : "bob",
      created_at: daysAgo(300 - n),
      is_pull_request: n % 5 === 0,
      labels: n % 3 === 0 ? ["bug"] : n % 7 === 0 ? ["bug", "help wanted"] : [],
    });
    if (n % 10 === 1) closeIssue(state, issue, "completed", "alice", daysAgo(300 - n));
  }
  sim = await startSim(world.state, { clock: "manual" });
});
afterAll(() => sim.close());

const list = (query: string) => call<Issue[]>(sim.url, "GET", `/repos/acme/api/issues?${query}`);

describe("GET /repos/{o}/{r}/issues", () => {
  it("pages with GitHub's Link header: next and last, then prev and first", async () => {
    const first = await list("state=all&per_page=100");
    expect(first.body).toHaveLength(100);
    const link = first.headers.get("link") ?? "";
    expect(link).toContain(
      `<${sim.url}/repos/acme/api/issues?state=all&per_page=100&page=2>; rel="next"`,
    );
    expect(link).toContain(`page=3>; rel="last"`);
    expect(link).not.toContain(`rel="prev"`);
    const last = await list("state=all&per_page=100&page=3");
    expect(last.body).toHaveLength(50);
    const lastLink = last.headers.get("link") ?? "";
    expect(lastLink).toContain(`page=2>; rel="prev"`);
    expect(lastLink).toContain(`page=1>; rel="first"`);
    expect(lastLink).not.toContain(`rel="next"`);
    expect((await list("state=all&per_page=500")).body).toHaveLength(100);
    const single = await list("labels=help%20wanted&per_page=100");
    expect(single.headers.get("link")).toBeNull();
  });

  it("defaults to open issues, newest first, 30 a page, pull requests included", async () => {
    const r = await list("");
    expect(r.body).toHaveLength(30);
    expect(r.body[0]?.number).toBe(250);
    expect(r.body.every((i) => i.state === "open")).toBe(true);
    expect(r.body.find((i) => i.number === 250)?.pull_request).toBeDefined();
    expect(r.body.find((i) => i.number === 249)?.pull_request).toBeUndefined();
  });

  it("filters by state, every listed label, creator and since; sorts and directs", async () => {
    const closed = await list("state=closed&per_page=100");
    expect(closed.body.map((i) => i.number)).toEqual([
      241, 231, 221, 211, 201, 191, 181, 171, 161, 151, 141, 131, 121, 111, 101, 91, 81, 71, 61, 51,
      41, 31, 21, 11, 1,
    ]);
    const both = await list("state=all&labels=BUG,help%20wanted&per_page=100");
    expect(both.body.map((i) => i.number)).toEqual([
      245, 238, 224, 217, 203, 196, 182, 175, 161, 154, 140, 133, 119, 112, 98, 91, 77, 70, 56, 49,
      35, 28, 14, 7,
    ]);
    const asc = await list("state=all&creator=alice&direction=asc&per_page=3");
    expect(asc.body.map((i) => i.number)).toEqual([2, 4, 6]);
    const since = await list(`state=all&since=${daysAgo(52)}&sort=updated&direction=asc`);
    expect(since.body.map((i) => i.number)).toEqual([248, 249, 250]);
  });

  it("rejects an unknown filter value with 422 naming the parameter", async () => {
    const r = await call<{ errors: { field: string; message: string }[] }>(
      sim.url,
      "GET",
      "/repos/acme/api/issues?state=stale",
    );
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({
      field: "state",
      message: "state: found 'stale', allowed open, closed, all",
    });
  });
});

describe("issue writes and their timeline", () => {
  it("creates an issue with labels, authored by the token's login at the sim time", async () => {
    const r = await call<Issue & { user: { login: string }; created_at: string }>(
      sim.url,
      "POST",
      "/repos/acme/api/issues",
      {
        body: { title: "new", body: "text", labels: ["triage"] },
      },
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      number: 251,
      state: "open",
      user: { login: "fleet[bot]" },
      created_at: daysAgo(0),
    });
    expect(r.body.labels.map((l) => l.name)).toEqual(["triage"]);
    const missing = await call(sim.url, "POST", "/repos/acme/api/issues", {
      body: { body: "no title" },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain(`"title" wasn't supplied`);
  });

  it("adds and removes labels (404 for one not on the issue), comments, closes and reopens", async () => {
    const path = "/repos/acme/api/issues/2";
    const added = await call<{ name: string }[]>(sim.url, "POST", `${path}/labels`, {
      body: { labels: ["stale", { name: "bug" }] },
    });
    expect(added.status).toBe(200);
    expect(added.body.map((l) => l.name)).toEqual(["stale", "bug"]);
    const bare = await call<{ name: string }[]>(sim.url, "POST", `${path}/labels`, {
      body: ["later"],
    });
    expect(bare.body.map((l) => l.name)).toEqual(["stale", "bug", "later"]);
    const removed = await call<{ name: string }[]>(sim.url, "DELETE", `${path}/labels/later`);
    expect(removed.body.map((l) => l.name)).toEqual(["stale", "bug"]);
    const absent = await call(sim.url, "DELETE", `${path}/labels/help%20wanted`);
    expect(absent.status).toBe(404);
    expect(absent.body.message).toBe("Label does not exist");
    const comment = await call<{ body: string; user: { login: string } }>(
      sim.url,
      "POST",
      `${path}/comments`,
      {
        body: { body: "This issue is stale." },
      },
    );
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({
      body: "This issue is stale.",
      user: { login: "fleet[bot]" },
    });
    sim.clock.advance(60_000);
    const closed = await call<Issue>(sim.url, "PATCH", path, {
      body: { state: "closed", state_reason: "not_planned" },
    });
    expect(closed.body).toMatchObject({
      state: "closed",
      state_reason: "not_planned",
      comments: 1,
    });
    expect(closed.body.closed_at).toBe(closed.body.updated_at);
    const reopened = await call<Issue>(sim.url, "PATCH", path, { body: { state: "open" } });
    expect(reopened.body).toMatchObject({
      state: "open",
      state_reason: "reopened",
      closed_at: null,
    });
    const relabeled = await call<Issue>(sim.url, "PATCH", path, {
      body: { labels: ["bug", "p1"] },
    });
    expect(relabeled.body.labels.map((l) => l.name)).toEqual(["bug", "p1"]);

    const timeline = await call<
      {
        event: string;
        label?: { name: string };
        state_reason?: string;
        body?: string;
        actor: { login: string };
      }[]
    >(sim.url, "GET", `${path}/timeline?per_page=100`);
    expect(
      timeline.body.map((e) => [e.event, e.label?.name ?? e.state_reason ?? e.body ?? null]),
    ).toEqual([
      ["labeled", "stale"],
      ["labeled", "bug"],
      ["labeled", "later"],
      ["unlabeled", "later"],
      ["commented", "This issue is stale."],
      ["closed", "not_planned"],
      ["reopened", null],
      ["unlabeled", "stale"],
      ["labeled", "p1"],
    ]);
    expect(timeline.body.every((e) => e.actor.login === "fleet[bot]")).toBe(true);
    const comments = await call<{ body: string }[]>(sim.url, "GET", `${path}/comments`);
    expect(comments.body.map((c) => c.body)).toEqual(["This issue is stale."]);
  });

  it("changes only the reason of an issue already closed", async () => {
    const path = "/repos/acme/api/issues/11";
    const before = repo.issues[10]?.events.length;
    const r = await call<Issue>(sim.url, "PATCH", path, { body: { state_reason: "not_planned" } });
    expect(r.body).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(repo.issues[10]?.events.length).toBe(before);
    const bad = await call(sim.url, "PATCH", path, { body: { state_reason: "wontfix" } });
    expect(bad.status).toBe(422);
  });

  it("answers 404 for an issue that does not exist", async () => {
    expect((await call(sim.url, "GET", "/repos/acme/api/issues/9999")).status).toBe(404);
    expect((await call(sim.url, "GET", "/repos/acme/api/issues/abc")).status).toBe(404);
  });
});

describe("repository labels", () => {
  it("lists and creates, with 422 already_exists for a taken name in any case", async () => {
    const created = await call<{ name: string; color: string }>(
      sim.url,
      "POST",
      "/repos/acme/api/labels",
      {
        body: { name: "Stale-Candidate", color: "#FBCA04" },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Stale-Candidate", color: "fbca04" });
    const again = await call<{ errors: { code: string; field: string }[] }>(
      sim.url,
      "POST",
      "/repos/acme/api/labels",
      {
        body: { name: "stale-candidate" },
      },
    );
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([
      { resource: "Label", code: "already_exists", field: "name" },
    ]);
    const badColor = await call(sim.url, "POST", "/repos/acme/api/labels", {
      body: { name: "x", color: "red" },
    });
    expect(badColor.status).toBe(422);
    const labels = await call<{ name: string }[]>(
      sim.url,
      "GET",
      "/repos/acme/api/labels?per_page=100",
    );
    expect(labels.body.map((l) => l.name)).toContain("Stale-Candidate");
  });
});
