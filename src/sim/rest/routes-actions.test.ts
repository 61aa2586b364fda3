import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, daysAgo, NOW, smallWorld } from "../small-world.fixture.ts";
import { startSim, type Sim } from "../index.ts";
import { addRun, addWorkflow, iso, type SimRepo } from "../state.ts";
import { notCompletedStatus } from "./routes-actions.ts";

type Runs = {
  total_count: number;
  workflow_runs: {
    id: number;
    status: string;
    conclusion: string | null;
    path: string;
    created_at: string;
  }[];
};

let sim: Sim;
let repo: SimRepo;
let ciId: number;

beforeAll(async () => {
  const world = smallWorld();
  repo = world.repo;
  const ci = addWorkflow(world.state, repo, {
    name: "CI",
    file: "ci.yml",
    created_at: daysAgo(300),
  });
  const old = addWorkflow(world.state, repo, {
    name: "Old",
    file: "old.yml",
    state: "deleted",
    created_at: daysAgo(300),
  });
  ciId = ci.id;
  // 2,400 runs a minute apart: CI fails every third, the retired workflow has every tenth.
  for (let i = 0; i < 2400; i++) {
    addRun(world.state, repo, {
      workflow: i % 10 === 0 ? old : ci,
      conclusion: i % 3 === 0 ? "failure" : "success",
      created_at: iso(NOW - (2400 - i) * 60_000),
    });
  }
  addRun(world.state, repo, { workflow: ci, status: "in_progress", created_at: iso(NOW) });
  sim = await startSim(world.state, { clock: "manual" });
});
afterAll(() => sim.close());

const runs = (path: string) => call<Runs>(sim.url, "GET", path);

describe("workflow runs listing", () => {
  it("lists newest first with total_count and no cap when unfiltered", async () => {
    const first = await runs("/repos/acme/api/actions/runs?per_page=100");
    expect(first.body.total_count).toBe(2401);
    expect(first.body.workflow_runs[0]?.status).toBe("in_progress");
    const times = first.body.workflow_runs.map((r) => r.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(first.headers.get("link")).toContain(`page=25>; rel="last"`);
    const page25 = await runs("/repos/acme/api/actions/runs?per_page=100&page=25");
    expect(page25.body.workflow_runs).toHaveLength(1);
    expect(page25.body.workflow_runs[0]?.path).toBe(".github/workflows/old.yml");
  });

  it("caps a filtered listing at 1,000 reachable results (later pages empty)", async () => {
    const q = "/repos/acme/api/actions/runs?status=success&per_page=100";
    const first = await runs(q);
    expect(first.body.total_count).toBe(1600);
    expect(first.headers.get("link")).toContain(`page=10>; rel="last"`);
    expect((await runs(`${q}&page=10`)).body.workflow_runs).toHaveLength(100);
    const beyond = await runs(`${q}&page=11`);
    expect(beyond.status).toBe(200);
    expect(beyond.body.workflow_runs).toEqual([]);
    for (const filter of [
      "event=push",
      "branch=main",
      "actor=fleet-bot",
      "created=%3E%3D2020-01-01",
    ]) {
      const r = await runs(`/repos/acme/api/actions/runs?${filter}&per_page=100&page=11`);
      expect(r.body.workflow_runs, filter).toEqual([]);
      expect(r.body.total_count, filter).toBe(2401);
    }
  });

  it("filters by conclusion through status, by created range and per workflow (id or file)", async () => {
    const failed = await runs("/repos/acme/api/actions/runs?status=failure&per_page=5");
    expect(failed.body.total_count).toBe(800);
    expect(failed.body.workflow_runs.every((r) => r.conclusion === "failure")).toBe(true);
    const lastHour = await runs(
      `/repos/acme/api/actions/runs?created=${encodeURIComponent(`>=${iso(NOW - 3_600_000)}`)}`,
    );
    expect(lastHour.body.total_count).toBe(61);
    const byFile = await runs("/repos/acme/api/actions/workflows/old.yml/runs?per_page=1");
    expect(byFile.body.total_count).toBe(240);
    const byId = await runs(`/repos/acme/api/actions/workflows/${ciId}/runs?per_page=1`);
    expect(byId.body.total_count).toBe(2161);
    expect((await runs("/repos/acme/api/actions/workflows/nope.yml/runs")).status).toBe(404);
    const bad = await runs("/repos/acme/api/actions/runs?created=yesterday");
    expect(bad.status).toBe(422);
  });

  it("lists workflows, deleted ones included", async () => {
    const r = await call<{ total_count: number; workflows: { name: string; state: string }[] }>(
      sim.url,
      "GET",
      "/repos/acme/api/actions/workflows",
    );
    expect(r.body.total_count).toBe(2);
    expect(r.body.workflows.map((w) => [w.name, w.state])).toEqual([
      ["CI", "active"],
      ["Old", "deleted"],
    ]);
  });

  it("gets one workflow by id or file name", async () => {
    type Workflow = { id: number; path: string; state: string };
    const byFile = await call<Workflow>(sim.url, "GET", "/repos/acme/api/actions/workflows/ci.yml");
    expect(byFile.body).toMatchObject({
      id: ciId,
      path: ".github/workflows/ci.yml",
      state: "active",
    });
    const byId = await call<Workflow>(sim.url, "GET", `/repos/acme/api/actions/workflows/${ciId}`);
    expect(byId.body.path).toBe(".github/workflows/ci.yml");
    expect((await call(sim.url, "GET", "/repos/acme/api/actions/workflows/nope.yml")).status).toBe(
      404,
    );
  });
});

describe("workflow run get and delete", () => {
  it("deletes a completed run (204), then 404; refuses a run in progress with 409", async () => {
    const [oldest] = repo.runs.keys();
    const path = `/repos/acme/api/actions/runs/${oldest}`;
    expect((await call(sim.url, "GET", path)).status).toBe(200);
    const deleted = await call(sim.url, "DELETE", path);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await call(sim.url, "DELETE", path)).status).toBe(404);
    expect((await call(sim.url, "GET", path)).status).toBe(404);
    const running = [...repo.runs.values()].find((r) => r.status !== "completed");
    const refused = await call(sim.url, "DELETE", `/repos/acme/api/actions/runs/${running?.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe("Cannot delete a workflow run that is not completed");
    expect(repo.runs.has(running?.id ?? 0)).toBe(true);
  });

  it("refuses runs not completed with 409 or 403, seeded per run, always with GitHub's message", async () => {
    // Eight runs queued again (a re-run), put back as they were afterwards.
    const running = [...repo.runs.values()].slice(-9, -1);
    const before = running.map((r) => ({ ...r }));
    for (const r of running) Object.assign(r, { status: "queued", conclusion: null });
    const answers = [];
    for (const r of running) {
      const path = `/repos/acme/api/actions/runs/${r.id}`;
      const first = await call(sim.url, "DELETE", path);
      expect(first.body.message).toBe("Cannot delete a workflow run that is not completed");
      expect((await call(sim.url, "DELETE", path)).status).toBe(first.status);
      expect(first.status).toBe(notCompletedStatus(7, r.id));
      answers.push(first.status);
    }
    running.forEach((r, i) => Object.assign(r, before[i]));
    expect(new Set(answers)).toEqual(new Set([403, 409]));
  });
});
