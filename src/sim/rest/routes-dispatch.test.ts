import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, daysAgo, smallWorld } from "../small-world.fixture.ts";
import { startSim, type Sim } from "../index.ts";
import { addToken, addWorkflow, type SimRepo } from "../state.ts";

let sim: Sim;
let repo: SimRepo;

beforeAll(async () => {
  const world = smallWorld();
  repo = world.repo;
  addWorkflow(world.state, repo, {
    name: "CD",
    file: "cd.yml",
    created_at: daysAgo(100),
    dispatchInputs: { version: { required: true }, dry_run: {} },
  });
  addWorkflow(world.state, repo, { name: "CI", file: "ci.yml", created_at: daysAgo(100) });
  addWorkflow(world.state, repo, {
    name: "Off",
    file: "off.yml",
    state: "disabled_manually",
    created_at: daysAgo(100),
    dispatchInputs: {},
  });
  addToken(world.state, {
    token: "ghs_reader",
    login: "reader[bot]",
    permissions: { actions: "read", contents: "read" },
  });
  sim = await startSim(world.state, { clock: "manual" });
});
afterAll(() => sim.close());

const dispatch = (workflow: string, body: unknown, token?: string) =>
  call(sim.url, "POST", `/repos/acme/api/actions/workflows/${workflow}/dispatches`, {
    body,
    token,
  });

describe("POST /repos/{o}/{r}/dispatches", () => {
  it("records the event (204) and rejects a missing event_type or a payload over 10 keys", async () => {
    const payload = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    const ok = await call(sim.url, "POST", "/repos/acme/api/dispatches", {
      body: { event_type: "runtime-published", client_payload: payload },
    });
    expect(ok.status).toBe(204);
    expect(repo.dispatches.repository).toEqual([
      {
        event_type: "runtime-published",
        client_payload: payload,
        actor: "fleet[bot]",
        created_at: daysAgo(0),
      },
    ]);
    const missing = await call(sim.url, "POST", "/repos/acme/api/dispatches", { body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain(`"event_type" wasn't supplied`);
    const tooBig = await call(sim.url, "POST", "/repos/acme/api/dispatches", {
      body: { event_type: "x", client_payload: { ...payload, k10: 10 } },
    });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.message).toContain(
      "No more than 10 properties are allowed; 11 were supplied.",
    );
    const reader = await call(sim.url, "POST", "/repos/acme/api/dispatches", {
      body: { event_type: "x" },
      token: "ghs_reader",
    });
    expect(reader.status).toBe(403);
    expect(reader.headers.get("x-accepted-github-permissions")).toBe("contents=write");
    expect(repo.dispatches.repository).toHaveLength(1);
  });

  it("refuses a client_payload of 64KB or more and takes one just under", async () => {
    // {"k":"xxx..."} is 8 bytes of JSON around the string.
    const sized = (bytes: number) => ({ k: "x".repeat(bytes - 8) });
    const before = repo.dispatches.repository.length;
    const under = await call(sim.url, "POST", "/repos/acme/api/dispatches", {
      body: { event_type: "x", client_payload: sized(64 * 1024 - 1) },
    });
    expect(under.status).toBe(204);
    const over = await call(sim.url, "POST", "/repos/acme/api/dispatches", {
      body: { event_type: "x", client_payload: sized(64 * 1024) },
    });
    expect(over.status).toBe(422);
    expect(over.body.message).toContain("the payload must be less than 64KB");
    expect(repo.dispatches.repository).toHaveLength(before + 1);
  });
});

describe("POST .../actions/workflows/{id|file}/dispatches", () => {
  it("validates workflow, trigger, ref and inputs as GitHub does", async () => {
    const cases: [string, unknown, number, string][] = [
      ["nope.yml", { ref: "main" }, 404, "Not Found"],
      ["ci.yml", { ref: "main" }, 422, "Workflow does not have 'workflow_dispatch' trigger"],
      [
        "off.yml",
        { ref: "main" },
        422,
        "Cannot trigger a 'workflow_dispatch' on a disabled workflow",
      ],
      ["cd.yml", { ref: "nope", inputs: { version: "1" } }, 422, "No ref found for: nope"],
      ["cd.yml", { inputs: { version: "1" } }, 422, `"ref" wasn't supplied`],
      ["cd.yml", { ref: "main" }, 422, "Required input 'version' not provided"],
      [
        "cd.yml",
        { ref: "main", inputs: { version: "1", extra: "x" } },
        422,
        `Unexpected inputs provided: ["extra"]`,
      ],
    ];
    for (const [workflow, body, status, message] of cases) {
      const r = await dispatch(workflow, body);
      expect([workflow, r.status, r.body.message]).toEqual([
        workflow,
        status,
        expect.stringContaining(message),
      ]);
    }
    const reader = await dispatch(
      "cd.yml",
      { ref: "main", inputs: { version: "1" } },
      "ghs_reader",
    );
    expect(reader.status).toBe(403);
    expect(reader.headers.get("x-accepted-github-permissions")).toBe("actions=write");
    expect(repo.dispatches.workflow).toHaveLength(0);
    expect(repo.runs.size).toBe(0);
  });

  it("queues a run and records the dispatch; 204, or 200 with the run when asked", async () => {
    const plain = await dispatch("cd.yml", {
      ref: "refs/heads/main",
      inputs: { version: "1.2.0" },
    });
    expect(plain.status).toBe(204);
    const cd = repo.workflows[0];
    const detailed = await call<{ workflow_run_id: number; run_url: string; html_url: string }>(
      sim.url,
      "POST",
      `/repos/acme/api/actions/workflows/${cd?.id}/dispatches`,
      {
        body: {
          ref: "main",
          inputs: { version: "1.3.0", dry_run: "true" },
          return_run_details: true,
        },
      },
    );
    expect(detailed.status).toBe(200);
    const runId = detailed.body.workflow_run_id;
    expect(detailed.body.run_url).toBe(`${sim.url}/repos/acme/api/actions/runs/${runId}`);
    expect(detailed.body.html_url).toBe(`https://github.com/acme/api/actions/runs/${runId}`);
    expect(repo.dispatches.workflow.map((d) => [d.ref, d.inputs, d.actor])).toEqual([
      ["refs/heads/main", { version: "1.2.0" }, "fleet[bot]"],
      ["main", { version: "1.3.0", dry_run: "true" }, "fleet[bot]"],
    ]);
    const run = await call<{
      status: string;
      event: string;
      head_branch: string;
      run_number: number;
    }>(sim.url, "GET", `/repos/acme/api/actions/runs/${runId}`);
    expect(run.body).toMatchObject({
      status: "queued",
      event: "workflow_dispatch",
      head_branch: "main",
      run_number: 2,
    });
  });
});
