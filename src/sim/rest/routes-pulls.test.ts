import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, smallWorld } from "../small-world.fixture.ts";
import { startSim, type Sim } from "../index.ts";
import { addToken, commitFiles, makeFile, type SimRepo } from "../state.ts";

type Pull = {
  number: number;
  state: string;
  draft: boolean;
  title: string;
  body: string | null;
  head: { ref: string; sha: string; label: string };
  base: { ref: string };
  requested_reviewers: { login: string }[];
  requested_teams: { slug: string }[];
  maintainer_can_modify: boolean;
  commits: number;
};
type Issue = { assignees: { login: string }[]; labels: { name: string }[]; pull_request?: unknown };
type Failed = {
  message: string;
  errors?: { resource: string; code: string; field?: string; message?: string }[];
};

let sim: Sim;
let repo: SimRepo;

beforeAll(async () => {
  const world = smallWorld();
  repo = world.repo;
  const main = repo.branches.get("main")!;
  repo.branches.set("fleet/bump", { ...main });
  const bump = repo.branches.get("fleet/bump")!;
  commitFiles(repo, bump, new Map([...bump.files, [".adl-version", makeFile("0.10.0\n")]]), "Bump");
  repo.branches.set("fleet/empty", { ...main });
  addToken(world.state, {
    token: "ghs_reader",
    login: "reader[bot]",
    permissions: { pull_requests: "read" },
  });
  sim = await startSim(world.state, { clock: "manual" });
});
afterAll(() => sim.close());

const open = (body: Record<string, unknown>) =>
  call<Pull & Failed>(sim.url, "POST", "/repos/acme/api/pulls", { body });

describe("pull requests", () => {
  it("opens one, then refuses a second for the same head with GitHub's message", async () => {
    const created = await open({
      title: "Bump ADL",
      head: "acme:fleet/bump",
      base: "main",
      body: "Bumps it.",
      draft: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: "open",
      draft: true,
      head: {
        ref: "fleet/bump",
        sha: repo.branches.get("fleet/bump")!.sha,
        label: "acme:fleet/bump",
      },
      base: { ref: "main" },
      commits: 1,
      maintainer_can_modify: false,
    });
    const again = await open({ title: "Again", head: "fleet/bump", base: "main" });
    expect(again.status).toBe(422);
    expect(again.body.message).toBe("Validation Failed");
    expect(again.body.errors).toEqual([
      {
        resource: "PullRequest",
        code: "custom",
        message: "A pull request already exists for acme:fleet/bump.",
      },
    ]);
  });

  it("refuses a head without commits, and a head or base that does not exist", async () => {
    const empty = await open({ title: "Nothing", head: "fleet/empty", base: "main" });
    expect(empty.status).toBe(422);
    expect(empty.body.errors?.[0]?.message).toBe("No commits between main and fleet/empty");
    const noHead = await open({ title: "x", head: "nope", base: "main" });
    expect(noHead.body.errors).toEqual([
      { resource: "PullRequest", field: "head", code: "invalid" },
    ]);
    const noBase = await open({ title: "x", head: "fleet/bump", base: "nope" });
    expect(noBase.body.errors).toEqual([
      { resource: "PullRequest", field: "base", code: "invalid" },
    ]);
  });

  it("lists by head, base and state, and reads one", async () => {
    const list = (q: string) => call<Pull[]>(sim.url, "GET", `/repos/acme/api/pulls${q}`);
    expect((await list("?head=acme:fleet/bump")).body.map((p) => p.title)).toEqual(["Bump ADL"]);
    expect((await list("?head=other:fleet/bump")).body).toEqual([]);
    // Without its owner the filter is ignored, as on GitHub.
    expect((await list("?head=no-such-branch")).body.map((p) => p.title)).toEqual(["Bump ADL"]);
    expect((await list("?base=develop")).body).toEqual([]);
    expect((await list("?state=closed")).body).toEqual([]);
    const [first] = (await list("")).body;
    const one = await call<Pull>(sim.url, "GET", `/repos/acme/api/pulls/${first!.number}`);
    expect(one.body.title).toBe("Bump ADL");
    expect((await call(sim.url, "GET", "/repos/acme/api/pulls/999")).status).toBe(404);
    const denied = await call(sim.url, "POST", "/repos/acme/api/pulls", {
      token: "ghs_reader",
      body: { title: "x", head: "fleet/bump", base: "main" },
    });
    expect(denied.status).toBe(403);
    expect(denied.headers.get("x-accepted-github-permissions")).toBe("pull_requests=write");
  });

  it("updates title, body and state, and follows its head branch", async () => {
    const [pr] = (await call<Pull[]>(sim.url, "GET", "/repos/acme/api/pulls")).body;
    const path = `/repos/acme/api/pulls/${pr!.number}`;
    const edited = await call<Pull>(sim.url, "PATCH", path, {
      body: { title: "Bump ADL to 0.10.0", body: "New body" },
    });
    expect(edited.body).toMatchObject({ title: "Bump ADL to 0.10.0", body: "New body" });
    const bump = repo.branches.get("fleet/bump")!;
    const next = commitFiles(repo, bump, new Map(bump.files), "Touch");
    await call(sim.url, "PATCH", "/repos/acme/api/git/refs/heads/fleet/bump", {
      body: { sha: next },
    });
    expect((await call<Pull>(sim.url, "GET", path)).body.head.sha).toBe(next);
    expect(
      (await call<Pull>(sim.url, "PATCH", path, { body: { state: "closed" } })).body.state,
    ).toBe("closed");
    expect((await call<Pull>(sim.url, "PATCH", path, { body: { state: "open" } })).body.state).toBe(
      "open",
    );
  });

  it("requests reviewers and teams, refuses the author, and removes them", async () => {
    const [pr] = (await call<Pull[]>(sim.url, "GET", "/repos/acme/api/pulls")).body;
    const path = `/repos/acme/api/pulls/${pr!.number}/requested_reviewers`;
    const asked = await call<Pull>(sim.url, "POST", path, {
      body: { reviewers: ["alice"], team_reviewers: ["platform"] },
    });
    expect(asked.status).toBe(201);
    expect(asked.body.requested_reviewers.map((u) => u.login)).toEqual(["alice"]);
    expect(asked.body.requested_teams.map((t) => t.slug)).toEqual(["platform"]);
    const author = await call(sim.url, "POST", path, { body: { reviewers: ["fleet[bot]"] } });
    expect(author.status).toBe(422);
    expect(author.body.message).toBe("Review cannot be requested from pull request author.");
    const removed = await call<Pull>(sim.url, "DELETE", path, {
      body: { reviewers: ["alice"], team_reviewers: ["platform"] },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.requested_reviewers).toEqual([]);
    expect(removed.body.requested_teams).toEqual([]);
  });

  it("sets labels and assignees on a pull request through the issues API, and adds assignees", async () => {
    const [pr] = (await call<Pull[]>(sim.url, "GET", "/repos/acme/api/pulls")).body;
    const path = `/repos/acme/api/issues/${pr!.number}`;
    const set = await call<Issue>(sim.url, "PATCH", path, {
      body: { labels: ["dependencies"], assignees: ["alice", "bob"] },
    });
    expect(set.status).toBe(200);
    expect(set.body.labels.map((l) => l.name)).toEqual(["dependencies"]);
    expect(set.body.assignees.map((a) => a.login)).toEqual(["alice", "bob"]);
    const reset = await call<Issue>(sim.url, "PATCH", path, { body: { assignees: ["bob"] } });
    expect(reset.body.assignees.map((a) => a.login)).toEqual(["bob"]);
    const added = await call<Issue>(sim.url, "POST", `${path}/assignees`, {
      body: { assignees: ["carol", "bob"] },
    });
    expect(added.status).toBe(201);
    expect(added.body.assignees.map((a) => a.login)).toEqual(["bob", "carol"]);
    const bad = await call(sim.url, "PATCH", path, { body: { assignees: "bob" } });
    expect(bad.status).toBe(422);
  });
});
