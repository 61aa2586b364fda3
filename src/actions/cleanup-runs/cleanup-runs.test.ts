import { afterEach, describe, expect, it } from "vitest";
import {
  addRepo,
  addRun,
  addToken,
  addWorkflow,
  createState,
  iso,
  startSim,
  type Sim,
  type SimRepo,
  type SimState,
} from "../../sim/index.ts";
import { notCompletedStatus } from "../../sim/rest/routes-actions.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { runInMemory } from "../../../test/helpers/host.ts";
import { action } from "./cleanup-runs.ts";
import { fixture, MIN, NOW } from "./runs.fixture.ts";

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function run(
  state: SimState,
  inputs: Record<string, string>,
  deps = testDeps({ clock: { now: () => NOW, sleep: async () => {} } }),
) {
  sim ??= await startSim(state, { clock: "manual" });
  const all = { token: "admin-token", "api-url": sim.url, "dry-run": "false", ...inputs };
  const r = await runInMemory(action, all, deps);
  const clientLog = deps.log.lines.map((l) => `${l.level}: ${l.message}`);
  return { ...r, clientLog, sim };
}

const remaining = (repo: SimRepo) =>
  [...repo.runs.values()].map((r) => `${r.name}:${r.conclusion ?? r.status}`);
const result = (outputs: Record<string, string>) =>
  JSON.parse(outputs.result!) as Record<string, unknown>[];

describe("cleanup-runs run()", () => {
  it("deletes skipped runs of live workflows and retired workflows in full, keeping the newest", async () => {
    const f = fixture();
    const r = await run(f.state, { repositories: "acme/app", "keep-last": "2" });
    expect(r.code).toBe(0);
    // Protected: the newest two completed runs of live workflows (Bot's two skipped ones).
    expect(remaining(f.repo)).toEqual([
      "CI:success",
      "CI:success",
      "CI:success",
      "Bot:skipped",
      "Bot:skipped",
      "Bot:in_progress",
    ]);
    expect(r.outputs.deleted).toBe("6");
    expect(r.outputs.left).toBe("0");
    expect(result(r.outputs)).toEqual([
      {
        repository: "acme/app",
        status: "ok",
        planned: 6,
        done: 6,
        left: 0,
        listed: 12,
        protected: 2,
        candidates: 6,
        deleted: 6,
        skipped: 0,
      },
    ]);
    // Lists, one re-read of the candidates' window, one DELETE each; never a GET per run.
    expect(r.sim.log.format().split("\n")).toEqual([
      "GET /repos/acme/app -> 200 (fleet-bot)",
      "GET /repos/acme/app/actions/workflows?per_page=100&page=1 -> 200 (fleet-bot)",
      "GET /repos/acme/app/actions/runs?per_page=100&page=1 -> 200 (fleet-bot)",
      "GET /repos/acme/app/actions/runs?per_page=100&page=1&status=completed&created=2026-05-31T22%3A20%3A00%2B00%3A00..2026-05-31T22%3A27%3A00%2B00%3A00 -> 200 (fleet-bot)",
      ...Array.from({ length: 6 }, () =>
        expect.stringMatching(/^DELETE \/repos\/acme\/app\/actions\/runs\/\d+ -> 204/),
      ),
    ]);
    expect(r.summary).toContain("| Old (retired) | `.github/workflows/old.yml` | 3 | 0 | 3 |");
    expect(r.summary).toContain("| CI | `.github/workflows/ci.yml` | 6 | 0 | 3 |");
    expect(r.summary).toContain("Retired workflows, whose runs are removed in full: Old");
  });

  it("dry run: zero mutating requests and the outputs the real run then reports; rerun deletes nothing", async () => {
    const f = fixture();
    const dry = await run(f.state, { repositories: "acme/app", "dry-run": "true" });
    expect(dry.code).toBe(0);
    expect(dry.sim.log.mutations()).toEqual([]);
    expect(f.repo.runs.size).toBe(12);
    expect(dry.summary).toContain("| workflow | file | runs | protected | would delete |");

    const real = await run(f.state, { repositories: "acme/app", "dry-run": "false" });
    expect(real.outputs).toEqual(dry.outputs);
    expect(real.outputs.deleted).toBe("8");
    expect(real.sim.log.mutations()).toHaveLength(8);

    real.sim.log.clear();
    const again = await run(f.state, { repositories: "acme/app" });
    expect(again.code).toBe(0);
    expect(again.sim.log.mutations()).toEqual([]);
    expect(again.outputs.deleted).toBe("0");
    expect(again.sim.log.count()).toBe(3);
  });

  it("prunes past GitHub's 1,000-result cap: lists every page without filters", async () => {
    const state = createState({ now: NOW });
    addToken(state, { token: "admin-token", login: "fleet-bot" });
    const repo = addRepo(state, { owner: "acme", name: "big", created_at: iso(NOW - 9e8) });
    const ci = addWorkflow(state, repo, { name: "CI", file: "ci.yml", created_at: iso(NOW - 9e8) });
    // The 100 oldest runs are skipped: a listing filtered by status reaches only the newest 1,000.
    for (let i = 0; i < 1200; i++) {
      addRun(state, repo, {
        workflow: ci,
        conclusion: i < 100 ? "skipped" : "success",
        created_at: iso(NOW - (1200 - i) * MIN),
      });
    }
    const r = await run(state, { repositories: "acme/big" });
    expect(r.code).toBe(0);
    expect(r.outputs.deleted).toBe("100");
    expect([...repo.runs.values()].every((x) => x.conclusion === "success")).toBe(true);
    const unfiltered = (e: { query: Record<string, string> }) => e.query.status === undefined;
    expect(r.sim.log.count((e) => e.path === "/repos/acme/big/actions/runs" && unfiltered(e))).toBe(
      12,
    );
    // Each re-read covers up to 90 completed runs: the 100 candidates take two windows.
    expect(r.sim.log.count((e) => e.query.created !== undefined)).toBe(2);
    expect(r.sim.log.count({ method: "GET", path: "/repos/acme/big/actions/runs/*" })).toBe(0);
    expect(r.sim.log.count()).toBe(1 + 1 + 12 + 2 + 100);
  });

  it("stops at max-deletes with a warning and the leftover; the next run continues", async () => {
    const f = fixture();
    const first = await run(f.state, { repositories: "acme/app", "max-deletes": "5" });
    expect(first.code).toBe(0);
    expect(first.warnings).toEqual(["acme/app: reached max-deletes (5); 3 left for the next run"]);
    expect(result(first.outputs)[0]).toMatchObject({ status: "capped", deleted: 5, left: 3 });
    expect(first.outputs.left).toBe("3");
    const second = await run(f.state, { repositories: "acme/app", "max-deletes": "5" });
    expect(second.outputs).toMatchObject({ deleted: "3", left: "0" });
    expect(remaining(f.repo)).not.toContain("CI:skipped");
  });

  it("says what it would do in a dry run's warning, columns and progress line, with the same outputs", async () => {
    const f = fixture();
    const inputs = { repositories: "acme/app", "max-deletes": "5" };
    const dry = await run(f.state, { ...inputs, "dry-run": "true" });
    expect(dry.warnings).toEqual([
      "acme/app: would reach max-deletes (5); 3 would be left for the next run",
    ]);
    expect(dry.summary).toContain(
      "| repository | status | listed | protected | candidates | would delete | would skip | would do | would leave |",
    );
    expect(dry.log.lines.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^\[1\/1\] acme\/app: capped, would do 5, would leave 3 /),
    );
    const real = await run(f.state, inputs);
    expect(real.outputs.deleted).toBe(dry.outputs.deleted);
    expect(real.outputs.left).toBe(dry.outputs.left);
    expect(real.summary).toContain("| deleted | skipped | done | left |");
  });
});

/** Deps whose client calls `before` ahead of each request, to change the state mid-run. */
function depsWith(before: (options: Record<string, unknown>) => void) {
  const deps = testDeps({ clock: { now: () => NOW, sleep: async () => {} } });
  const make = deps.makeClient;
  deps.makeClient = (token, baseUrl) => {
    const client = make(token, baseUrl);
    client.hook.before("request", (options) => before(options as Record<string, unknown>));
    return client;
  };
  return deps;
}

describe("cleanup-runs when the runs change under it", () => {
  it("does not delete a run re-run between the listing and the deletion", async () => {
    const f = fixture();
    const ciSkipped = [...f.repo.runs.values()].filter(
      (x) => x.name === "CI" && x.conclusion === "skipped",
    );
    const rerun = ciSkipped[0]!;
    const rerunDone = ciSkipped[1]!;
    const deps = depsWith((o) => {
      if (o.created === undefined) return;
      // Re-run after the listing: one is queued again, the other already finished green.
      Object.assign(rerun, { status: "queued", conclusion: null, run_attempt: 2 });
      Object.assign(rerunDone, { conclusion: "success", run_attempt: 2 });
    });
    const r = await run(f.state, { repositories: "acme/app" }, deps);
    expect(r.code).toBe(0);
    expect(f.repo.runs.has(rerun.id)).toBe(true);
    expect(f.repo.runs.has(rerunDone.id)).toBe(true);
    expect(r.sim.log.count({ method: "DELETE", path: `**/runs/${rerun.id}` })).toBe(0);
    expect(result(r.outputs)[0]).toMatchObject({ candidates: 8, deleted: 6, skipped: 2 });
    expect(r.summary).toContain(`run ${rerun.id} kept: no longer completed`);
    expect(r.summary).toContain(`run ${rerunDone.id} kept: now completed/success`);
  });

  it("skips a run that turns out in progress on delete (409) and counts one already gone (404) as done", async () => {
    const f = fixture();
    const [a, b] = [...f.repo.runs.values()].filter((x) => x.conclusion === "skipped");
    const deps = depsWith((o) => {
      if (o.method !== "DELETE") return;
      if (o.run_id === a!.id) Object.assign(a!, { status: "in_progress", conclusion: null });
      if (o.run_id === b!.id) f.repo.runs.delete(b!.id);
    });
    const r = await run(f.state, { repositories: "acme/app" }, deps);
    expect(r.code).toBe(0);
    expect(r.sim.log.format({ method: "DELETE" })).toContain(`/runs/${a!.id} -> 409`);
    expect(r.sim.log.format({ method: "DELETE" })).toContain(`/runs/${b!.id} -> 404`);
    expect(result(r.outputs)[0]).toMatchObject({ deleted: 7, skipped: 1, left: 0 });
  });

  it("skips a run refused as not completed whether GitHub answers 403 or 409, and deletes the rest", async () => {
    const f = fixture();
    const skipped = [...f.repo.runs.values()].filter((x) => x.conclusion === "skipped");
    const refusedWith = (status: 403 | 409) =>
      skipped.find((x) => notCompletedStatus(f.state.seed, x.id) === status)!;
    const [forbidden, conflict] = [refusedWith(403), refusedWith(409)];
    const deps = depsWith((o) => {
      if (o.method !== "DELETE") return;
      for (const x of [forbidden, conflict])
        if (o.run_id === x.id) Object.assign(x, { status: "in_progress", conclusion: null });
    });
    const r = await run(f.state, { repositories: "acme/app" }, deps);
    expect(r.code).toBe(0);
    const deletes = r.sim.log.format({ method: "DELETE" });
    expect(deletes).toContain(`/runs/${forbidden.id} -> 403`);
    expect(deletes).toContain(`/runs/${conflict.id} -> 409`);
    expect(result(r.outputs)[0]).toMatchObject({ deleted: 6, skipped: 2, left: 0 });
    expect(r.summary).toContain(`run ${forbidden.id} kept: not completed (403)`);
    expect(r.summary).not.toMatch(/permission/i);
  });
});

describe("cleanup-runs faults", () => {
  it("fails loud when the rate limit runs out during the listing, and deletes nothing", async () => {
    const state = createState({ now: NOW });
    addToken(state, { token: "admin-token", login: "fleet-bot", hourlyLimit: 8 });
    const repo = addRepo(state, { owner: "acme", name: "big", created_at: iso(NOW - 9e8) });
    const ci = addWorkflow(state, repo, { name: "CI", file: "ci.yml", created_at: iso(NOW - 9e8) });
    for (let i = 0; i < 1100; i++)
      addRun(state, repo, {
        workflow: ci,
        conclusion: "skipped",
        created_at: iso(NOW - (1100 - i) * MIN),
      });
    const r = await run(state, { repositories: "acme/big" });
    expect(r.code).toBe(1);
    expect(r.sim.log.mutations()).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(
      /^acme\/big: listing workflow runs stopped after 6 of 11 pages \(500 of 1100 not listed\): the primary rate limit is exhausted \(0 requests left; resets at .*\); the rest of this work was not done, rerun after the reset; nothing was deleted in this repository$/,
    );
    expect(result(r.outputs)[0]).toMatchObject({ status: "failed", listed: 600, done: 0 });
    expect(r.outputs.deleted).toBe("0");
  });

  it("stops deleting when the rate limit runs out while re-reading, leaving the rest", async () => {
    const f = fixture();
    sim = await startSim(f.state, { clock: "manual" });
    const exhausted = {
      status: 403,
      // An hour away: too far for the client to wait for the reset.
      headers: {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      },
      body: { message: "API rate limit exceeded for installation." },
    };
    const deps = depsWith((o) => {
      if (o.created !== undefined)
        sim!.faults.add({ match: { path: "/repos/acme/app/actions/runs" }, then: exhausted });
    });
    const r = await run(f.state, { repositories: "acme/app" }, deps);
    expect(r.code).toBe(1);
    expect(r.sim.log.count((e) => e.query.created !== undefined)).toBe(1);
    expect(r.sim.log.mutations()).toEqual([]);
    expect(r.errors[0]).toMatch(
      /^acme\/app: deleting stopped: re-reading runs created .*: listing workflow runs \(filtered\) failed on its first page: the primary rate limit is exhausted .*; 8 changes left undone$/,
    );
    expect(result(r.outputs)[0]).toMatchObject({ status: "failed", deleted: 0, left: 8 });
  });

  it("waits out a secondary limit during the deletes and goes on", async () => {
    const f = fixture();
    sim = await startSim(f.state, { clock: "manual" });
    sim.faults.add({
      match: { method: "DELETE" },
      when: { nth: 2 },
      then: {
        status: 403,
        headers: { "retry-after": "1" },
        body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes." },
      },
    });
    const r = await run(f.state, { repositories: "acme/app" });
    expect(r.code).toBe(0);
    expect(r.outputs.deleted).toBe("8");
    expect(r.sim.log.count({ method: "DELETE", status: 403 })).toBe(1);
    expect(r.sim.log.count({ method: "DELETE", status: 204 })).toBe(8);
    expect(r.clientLog).toContainEqual(
      expect.stringMatching(/^warning: secondary rate limit on DELETE .* waiting 1s and retrying/),
    );
  });

  it("reports a repository with Actions disabled, skips an archived one, and goes on with the rest", async () => {
    const f = fixture();
    const off = addRepo(f.state, { owner: "acme", name: "off", created_at: iso(NOW) });
    off.actions_enabled = false;
    addRepo(f.state, { owner: "acme", name: "attic", archived: true, created_at: iso(NOW) });
    const r = await run(f.state, { repositories: "acme/off,acme/attic,acme/app" });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      "acme/off: GitHub answered 404 when listing workflows although the repository exists: Actions is disabled in this repository (enable it under Settings > Actions, or leave the repository out of this job); nothing was deleted in this repository",
    ]);
    expect(r.log.lines).toContainEqual({
      level: "notice",
      message: "acme/attic: archived: skipped (GitHub refuses writes to archived repositories)",
    });
    expect(r.sim.log.count({ path: "/repos/acme/attic/**" })).toBe(0);
    expect(result(r.outputs).map((x) => x.status)).toEqual(["failed", "skipped", "ok"]);
    expect(r.outputs.deleted).toBe("8");
  });

  it("stops deleting in a repository where the token may not delete runs, after one refusal", async () => {
    const f = fixture();
    addToken(f.state, {
      token: "read-token",
      login: "reader",
      permissions: { actions: "read", metadata: "read" },
    });
    const r = await run(f.state, { repositories: "acme/app", token: "read-token" });
    expect(r.code).toBe(1);
    expect(r.sim.log.count({ method: "DELETE" })).toBe(1);
    expect(r.errors[0]).toMatch(
      /^acme\/app: deleting stopped: deleting run \d+: 403 Forbidden: Resource not accessible by integration; the token needs permission actions=write; 8 changes left undone$/,
    );
    expect(result(r.outputs)[0]).toMatchObject({ status: "failed", deleted: 0, left: 8 });
  });
});

describe("cleanup-runs deletes in flight", () => {
  it("has up to 10 deletes in flight once the first is answered", async () => {
    const state = createState({ now: NOW });
    addToken(state, { token: "admin-token", login: "fleet-bot" });
    const repo = addRepo(state, { owner: "acme", name: "big", created_at: iso(NOW - 9e8) });
    const ci = addWorkflow(state, repo, { name: "CI", file: "ci.yml", created_at: iso(NOW - 9e8) });
    for (let i = 0; i < 40; i++)
      addRun(state, repo, { workflow: ci, conclusion: "skipped", created_at: iso(NOW - i * MIN) });
    const deps = testDeps({ clock: { now: () => NOW, sleep: async () => {} } });
    const make = deps.makeClient;
    const inFlight: number[] = [];
    let now = 0;
    deps.makeClient = (token, baseUrl) => {
      const client = make(token, baseUrl);
      client.hook.wrap("request", async (request, options) => {
        if (options.method !== "DELETE") return request(options);
        inFlight.push(++now);
        try {
          return await request(options);
        } finally {
          now -= 1;
        }
      });
      return client;
    };
    const r = await run(state, { repositories: "acme/big" }, deps);
    expect(r.code).toBe(0);
    expect(r.outputs.deleted).toBe("40");
    // The first alone (a refused token is refused once), then as many as the client allows.
    expect(inFlight[0]).toBe(1);
    expect(inFlight[1]).toBe(1);
    expect(Math.max(...inFlight)).toBe(10);
  });

  it("starts no delete with the budget at min-remaining, though several are in flight", async () => {
    // 3 listings, 1 re-read and 1 delete alone, then 2 together leave 3 of 10: the floor.
    const f = fixture({ hourlyLimit: 10 });
    const r = await run(f.state, { repositories: "acme/app", "min-remaining": "3" });
    expect(r.code).toBe(0);
    expect(r.sim.log.count({ method: "DELETE" })).toBe(3);
    expect(r.warnings).toEqual([
      "acme/app: rate-limit floor reached (3 requests left, min-remaining 3); stopped with 5 left for the next run",
    ]);
    expect(result(r.outputs)[0]).toMatchObject({ deleted: 3, left: 5 });
  });
});
