import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.ts";
import { readInputs } from "../../core/inputs.ts";
import { startSim, type Sim } from "../../sim/index.ts";
import { addIssue, addLabel, getIssue, getRepo, type SimIssue } from "../../sim/state.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./stale-sweep.ts";
import { SWEEPER, sweepFixture } from "./sweep.fixture.ts";

let sim: Sim;
afterEach(async () => {
  await sim?.close();
});

async function start() {
  sim = await startSim(sweepFixture(), { clock: "manual" });
  return sim;
}

/** Runs the action against the simulator, at the simulator's "now". */
async function sweep(raw: Record<string, string>) {
  const deps = testDeps({ clock: manualClock(sim.clock.now()) });
  const inputs = readInputs(
    action.schema,
    (name) =>
      ({ repositories: "acme/api,acme/web,acme/old", "dry-run": "false", ...raw })[name] ?? "",
    { GITHUB_TOKEN: sim.token, GITHUB_API_URL: sim.url },
  );
  const result = await action.run(inputs, deps);
  return { ...result, log: deps.log };
}

const issue = (repo: string, n: number): SimIssue =>
  getIssue(getRepo(sim.state, "acme", repo)!, n)!;
const comments = (i: SimIssue) => i.comments.map((c) => `${c.user}: ${c.body.split("\n")[0]}`);

const expectedOutputs = {
  marked: ["acme/api#1", "acme/api#9", "acme/web#1"],
  unstaled: ["acme/api#6"],
  closed: ["acme/api#5"],
};

describe("stale-sweep run()", () => {
  it("marks, un-stales and closes by the rules, and touches nothing else", async () => {
    await start();
    const r = await sweep({});
    expect(r.outputs).toEqual(expectedOutputs);

    expect(issue("api", 1).labels).toEqual(["stale"]);
    expect(comments(issue("api", 1)).at(-1)).toBe(
      `${SWEEPER}: This issue has had no activity for a while, so it is now labelled stale. It will be closed in 7 days unless something happens: a comment from anyone, or removing the stale label, keeps it open.`,
    );
    expect(issue("api", 9).labels).toEqual(["bug", "stale"]);
    expect(issue("api", 6).labels).toEqual([]);
    expect(issue("api", 6).state).toBe("open");
    expect(issue("api", 5)).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(comments(issue("api", 5)).at(-1)).toMatch(
      new RegExp(`^${SWEEPER.replace(/[[\]]/g, "\\$&")}: Closed because it stayed labelled`),
    );
    for (const n of [2, 3, 4, 7, 8]) {
      expect(issue("api", n).events.filter((e) => e.created_at === "2026-06-01T00:00:00Z")).toEqual(
        [],
      );
    }
    expect(getRepo(sim.state, "acme", "web")!.labels.map((l) => [l.name, l.description])).toEqual([
      ["stale", "No activity for a while; closed by the stale sweep unless someone acts"],
    ]);
    expect(getRepo(sim.state, "acme", "old")!.issues[0]!.labels).toEqual([]);

    expect(r.repos).toEqual([
      {
        repository: "acme/api",
        status: "ok",
        planned: 4,
        done: 4,
        left: 0,
        counts: { marked: 2, unstaled: 1, closed: 1 },
      },
      {
        repository: "acme/web",
        status: "ok",
        planned: 1,
        done: 1,
        left: 0,
        counts: { marked: 1, unstaled: 0, closed: 0 },
        notice: "created the missing label 'stale'",
      },
      {
        repository: "acme/old",
        status: "skipped",
        planned: 0,
        done: 0,
        left: 0,
        notice: "archived: skipped (GitHub refuses writes to archived repositories)",
      },
    ]);
    expect(r.summary).toContain(
      "| [#6](https://github.com/acme/api/issues/6) | un-staled | Still wanted |",
    );
    expect(r.summary).not.toContain("Typo");
  });

  it("makes only the requests the work needs: no per-issue GET, one request per write, a look at the repository's new comments before the first comment (again only once it is 10 s old), and one after them", async () => {
    await start();
    await sweep({ repositories: "acme/api" });
    expect(sim.log.format()).toBe(
      [
        "GET /repos/acme/api -> 200 (fleet-bot[bot])",
        "GET /repos/acme/api/issues?state=open&labels=stale&per_page=100 -> 200 (fleet-bot[bot])",
        "GET /repos/acme/api/issues?state=open&sort=updated&direction=asc&per_page=100 -> 200 (fleet-bot[bot])",
        "GET /repos/acme/api/issues/7/timeline?per_page=100 -> 200 (fleet-bot[bot])",
        "GET /repos/acme/api/issues/6/timeline?per_page=100 -> 200 (fleet-bot[bot])",
        "GET /repos/acme/api/issues/5/timeline?per_page=100 -> 200 (fleet-bot[bot])",
        "DELETE /repos/acme/api/issues/6/labels/stale -> 200 (fleet-bot[bot])",
        "GET /repos/acme/api/issues/comments?since=2026-05-31T23%3A55%3A00.000Z&per_page=100 -> 200 (fleet-bot[bot])",
        "POST /repos/acme/api/issues/5/comments -> 201 (fleet-bot[bot])",
        "PATCH /repos/acme/api/issues/5 -> 200 (fleet-bot[bot])",
        "POST /repos/acme/api/issues/1/labels -> 200 (fleet-bot[bot])",
        "POST /repos/acme/api/issues/1/comments -> 201 (fleet-bot[bot])",
        "POST /repos/acme/api/issues/9/labels -> 200 (fleet-bot[bot])",
        "POST /repos/acme/api/issues/9/comments -> 201 (fleet-bot[bot])",
        "GET /repos/acme/api/issues/comments?since=2026-05-31T23%3A50%3A00.000Z&per_page=100 -> 200 (fleet-bot[bot])",
      ].join("\n"),
    );
  });

  it("creates no label that exists, even when no open issue carries it", async () => {
    await start();
    addLabel(sim.state, getRepo(sim.state, "acme", "web")!, { name: "Stale" });
    const r = await sweep({ repositories: "acme/web" });
    expect(sim.log.count({ method: "GET", path: "/repos/acme/web/labels" })).toBe(1);
    expect(sim.log.count({ method: "POST", path: "/repos/acme/web/labels" })).toBe(0);
    expect(r.outputs.marked).toEqual(["acme/web#1"]);
    expect(r.repos[0]!.notice).toBeUndefined();
  });

  it("a dry run makes no mutating request and reports what the real run then does", async () => {
    await start();
    const dry = await sweep({ "dry-run": "true" });
    expect(sim.log.mutations()).toEqual([]);
    expect(dry.outputs).toEqual(expectedOutputs);
    expect(dry.repos[1]!.notice).toBe("would create the missing label 'stale'");
    expect(dry.summary).toContain("| would un-stale |");
    const real = await sweep({});
    expect(real.outputs).toEqual(dry.outputs);
    expect(real.repos.map((r) => [r.planned, r.done, r.left, r.counts])).toEqual(
      dry.repos.map((r) => [r.planned, r.done, r.left, r.counts]),
    );
  });

  it("a rerun right after a real run makes no mutation", async () => {
    await start();
    await sweep({});
    sim.clock.advance(60_000);
    const before = sim.log.mutations().length;
    const again = await sweep({});
    expect(sim.log.mutations().length - before).toBe(0);
    expect(again.outputs).toEqual({ marked: [], unstaled: [], closed: [] });
    expect(again.repos.map((r) => r.status)).toEqual(["ok", "ok", "skipped"]);
  });

  it("closes a week after its own mark, counting neither its label nor its comment as activity", async () => {
    await start();
    await sweep({ repositories: "acme/web" });
    sim.clock.advance(7 * 86_400_000);
    const later = await sweep({ repositories: "acme/web" });
    expect(later.outputs).toEqual({ marked: [], unstaled: [], closed: ["acme/web#1"] });
    expect(issue("web", 1).state).toBe("closed");
  });

  it("stops at max-operations with a warning and the leftover; the next run continues", async () => {
    await start();
    const first = await sweep({ repositories: "acme/api", "max-operations": "3" });
    expect(first.outputs).toEqual({ marked: [], unstaled: ["acme/api#6"], closed: ["acme/api#5"] });
    expect(first.repos[0]).toMatchObject({
      status: "capped",
      planned: 4,
      done: 2,
      left: 2,
      warnings: ["reached max-operations (3); 2 issues left for the next run"],
    });
    expect(sim.log.mutations()).toHaveLength(3);
    const second = await sweep({ repositories: "acme/api", "max-operations": "3" });
    expect(second.outputs.marked).toEqual(["acme/api#1"]);
  });

  it("stops at the rate-limit floor with a warning and the leftover", async () => {
    await start();
    sim.state.tokens.get(sim.token)!.hourlyLimit = 111;
    const r = await sweep({ repositories: "acme/api", "min-remaining": "101" });
    expect(r.repos[0]).toMatchObject({ status: "capped", done: 2, left: 2 });
    expect(r.repos[0]!.warnings).toEqual([
      "rate-limit floor reached (101 requests left, min-remaining 101); stopped with 2 left for the next run",
    ]);
  });
});

describe("stale-sweep under faults", () => {
  it("fails a repository that does not exist and finishes the others", async () => {
    await start();
    const r = await sweep({ repositories: "acme/nope,acme/web" });
    expect(r.repos[0]).toMatchObject({ repository: "acme/nope", status: "failed" });
    expect(r.repos[0]!.error).toMatch(
      /^reading acme\/nope: 404 Not Found: it does not exist, or the token cannot see it .*; nothing further was done in this repository$/,
    );
    expect(r.repos[1]).toMatchObject({ repository: "acme/web", status: "ok", done: 1 });
  });

  it("fails loud when the primary limit runs out mid-listing, and the other repositories finish", async () => {
    await start();
    const api = getRepo(sim.state, "acme", "api")!;
    // Enough idle issues that the listing by last update needs a second page, which fails.
    for (let i = 0; i < 120; i++)
      addIssue(sim.state, api, {
        title: `idle ${i}`,
        user: "dave",
        created_at: "2026-01-01T00:00:00Z",
      });
    // The reset an hour away in real time: too far for the client to wait for.
    const reset = String(Math.ceil(Date.now() / 1000) + 3600);
    sim.faults.add({
      match: { method: "GET", path: "/repos/acme/api/issues" },
      when: { nth: 3 },
      then: {
        status: 403,
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
        body: { message: "API rate limit exceeded for installation." },
      },
    });
    const r = await sweep({ repositories: "acme/api,acme/web" });
    expect(r.repos[0]!.status).toBe("failed");
    expect(r.repos[0]!.error).toMatch(
      /^listing open issues by last update \(stopped after 1 page, 100 read\): the primary rate limit is exhausted \(0 requests left; resets at \S+ \(in \d+ min\)\); the rest of this work was not done, rerun after the reset; nothing further was done in this repository$/,
    );
    expect(sim.log.mutations().filter((e) => e.path.startsWith("/repos/acme/api"))).toEqual([]);
    expect(r.repos[1]).toMatchObject({ status: "ok", done: 1 });
    expect(r.outputs.marked).toEqual(["acme/web#1"]);
  });

  it("waits out a secondary limit and finishes", async () => {
    await start();
    sim.faults.add({
      match: { method: "POST", path: "/repos/*/*/issues/*/comments" },
      when: { nth: 2 },
      then: {
        status: 403,
        headers: { "retry-after": "1" },
        body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes." },
      },
    });
    const r = await sweep({});
    expect(r.outputs).toEqual(expectedOutputs);
    expect(
      sim.log.count({ method: "POST", path: "/repos/*/*/issues/*/comments", status: 403 }),
    ).toBe(1);
    expect(
      r.log.lines.some((l) => l.level === "warning" && /secondary rate limit/.test(l.message)),
    ).toBe(true);
  });

  it("retries 5xx bursts", async () => {
    await start();
    sim.faults.add({
      match: { path: "/repos/acme/api/**" },
      when: { every: 3 },
      then: { status: 502, body: { message: "Server Error" } },
      times: 4,
    });
    const r = await sweep({});
    expect(r.outputs).toEqual(expectedOutputs);
    expect(sim.log.count({ status: 502 })).toBe(4);
  });

  it("stops at a close refused for a missing permission; the rerun closes it without a second comment", async () => {
    await start();
    sim.faults.add({
      match: { method: "PATCH", path: "/repos/acme/api/issues/5" },
      then: {
        status: 403,
        headers: { "x-accepted-github-permissions": "issues=write" },
        body: { message: "Resource not accessible by integration" },
      },
      times: 1,
    });
    const r = await sweep({ repositories: "acme/api" });
    expect(r.outputs).toEqual({ ...expectedOutputs, marked: [], closed: [] });
    expect(r.repos[0]).toMatchObject({ status: "failed", planned: 4, done: 1, left: 3 });
    expect(r.repos[0]!.error).toBe(
      "stopped: closing #5 (its close comment is posted; the next run closes it without another): 403 Forbidden: Resource not accessible by integration; the token needs permission issues=write; 3 changes left undone",
    );
    expect(issue("api", 5).state).toBe("open");
    sim.clock.advance(60_000);
    const rerun = await sweep({ repositories: "acme/api" });
    expect(rerun.outputs).toMatchObject({
      marked: ["acme/api#1", "acme/api#9"],
      closed: ["acme/api#5"],
    });
    expect(issue("api", 5).state).toBe("closed");
    expect(comments(issue("api", 5)).filter((c) => c.includes("Closed because"))).toHaveLength(1);
  });
});
