import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ActionDeps } from "../../core/action.ts";
import { readInputs } from "../../core/inputs.ts";
import { startSim, type Sim } from "../../sim/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./dispatch.ts";
import { dispatchWorld, dispatchedRuns, PAT, READER, TOKEN } from "./dispatch-world.fixture.ts";

const run = (sim: Sim, inputs: Record<string, string>, deps: ActionDeps = testDeps()) =>
  action.run(
    readInputs(
      action.schema,
      (n) => ({ token: TOKEN, "api-url": sim.url, ...inputs })[n] ?? "",
      {},
    ),
    deps,
  );

const workflow = { mode: "workflow", workflow: "cd.yml", "dry-run": "false" };

// run() against the GitHub simulator over HTTP: what was requested, what the state shows after.
describe("dispatch on GitHub", () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(dispatchWorld());
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.log.clear();
    sim.faults.clear();
  });

  it("previews with zero mutations, then dispatches on each default branch with the same outputs", async () => {
    const inputs = {
      ...workflow,
      repositories: "acme/app,acme/web,acme/attic",
      inputs: '{"version":"1.4.0"}',
    };
    const dry = await run(sim, { ...inputs, "dry-run": "true" });
    expect(sim.log.mutations()).toEqual([]);
    expect(sim.log.format()).toBe(
      "GET /installation/repositories?per_page=100&page=1 -> 200 (fleet-bot[bot])",
    );
    expect(dry.summary).toContain("### Requests a real run would send");
    expect(dry.summary).toContain(
      '| acme/web | `POST /repos/acme/web/actions/workflows/cd.yml/dispatches` | `{"ref":"trunk","inputs":{"version":"1.4.0"},"return_run_details":true}` |',
    );

    sim.log.clear();
    const real = await run(sim, inputs);
    expect(real.outputs.dispatched).toEqual(dry.outputs.dispatched);
    expect(real.outputs.failed).toEqual(dry.outputs.failed);
    expect(real.repos.map((r) => [r.repository, r.status, r.done])).toEqual(
      dry.repos.map((r) => [r.repository, r.status, r.done]),
    );
    expect(real.outputs.dispatched).toEqual(["acme/app", "acme/web"]);
    expect(real.repos[2]).toMatchObject({
      status: "skipped",
      notice: "archived: acme/attic is read-only, so nothing is dispatched to it",
    });
    // The listing told each default branch: no per-repository read.
    expect(sim.log.count()).toBe(3);
    expect(sim.log.count({ method: "POST", status: 200 })).toBe(2);
    const web = dispatchedRuns(sim.state, "acme/web");
    expect(web).toHaveLength(1);
    expect(web[0]).toMatchObject({
      head_branch: "trunk",
      status: "queued",
      actor: "fleet-bot[bot]",
    });
    expect(sim.state.repos.get("acme/app")!.dispatches.workflow.at(-1)!.inputs).toEqual({
      version: "1.4.0",
    });
    expect(real.outputs.runs).toEqual({
      "acme/app": `https://github.com/acme/app/actions/runs/${dispatchedRuns(sim.state, "acme/app")[0]!.id}`,
      "acme/web": `https://github.com/acme/web/actions/runs/${web[0]!.id}`,
    });
  });

  it("reports each refusal of a fan-out with its cause and goes on", async () => {
    sim.faults.add({
      match: { method: "POST", path: "/repos/acme/web/actions/workflows/cd.yml/dispatches" },
      then: {
        status: 403,
        headers: { "x-accepted-github-permissions": "actions=write" },
        body: { message: "Resource not accessible by integration" },
      },
    });
    const result = await run(sim, {
      ...workflow,
      ref: "main",
      repositories: "acme/app,acme/web,acme/gone,acme/lib,acme/docs",
    });
    expect(result.repos.map((r) => [r.repository, r.status])).toEqual([
      ["acme/app", "ok"],
      ["acme/web", "failed"],
      ["acme/gone", "failed"],
      ["acme/lib", "failed"],
      ["acme/docs", "failed"],
    ]);
    expect(result.repos.map((r) => r.error)).toEqual([
      undefined,
      "403 Forbidden: the token may not start workflows in acme/web; it needs permission actions: write (GitHub said: Resource not accessible by integration)",
      "404 Not Found: repository acme/gone does not exist, or the token cannot see it (a repository a token may not read answers 404, not 403)",
      "404 Not Found: workflow 'cd.yml' was not found in acme/lib (the repository exists); it must be a file under .github/workflows on main",
      "422 Unprocessable: Workflow does not have 'workflow_dispatch' trigger (workflow 'cd.yml' has no workflow_dispatch trigger on main: add `on: workflow_dispatch` to it)",
    ]);
    expect(result.outputs.failed).toEqual(["acme/web", "acme/gone", "acme/lib", "acme/docs"]);
    expect(result.outputs.dispatched).toEqual(["acme/app"]);
    // With a ref given nothing is read first; a 404 is followed by one read to say which is missing.
    expect(sim.log.format({ method: "GET" })).toBe(
      [
        "GET /rate_limit -> 200 (fleet-bot[bot])",
        "GET /repos/acme/gone -> 404 (fleet-bot[bot])",
        "GET /repos/acme/lib -> 200 (fleet-bot[bot])",
      ].join("\n"),
    );
  });

  it("stops at the preflight on a bad token: one request, one error", async () => {
    await expect(
      run(sim, {
        ...workflow,
        ref: "main",
        token: "ghs_revokedToken0000",
        repositories: "acme/app,acme/web",
      }),
    ).rejects.toThrow(
      "preflight: GET /rate_limit answered 401 Unauthorized: the token is invalid, expired or revoked; nothing was dispatched to any of the 2 targets; create a new token and update the secret",
    );
    expect(sim.log.count()).toBe(1);
  });

  it("sends repository dispatches to names exactly as given, after a free preflight", async () => {
    const result = await run(sim, {
      mode: "repository",
      "event-type": "runtime-published",
      "client-payload": '{"version":"2.0.0"}',
      "dry-run": "false",
      repositories: "ACME/App,acme/WEB",
    });
    expect(result.outputs.dispatched).toEqual(["ACME/App", "acme/WEB"]);
    expect(sim.log.format()).toBe(
      [
        "GET /rate_limit -> 200 (fleet-bot[bot])",
        "POST /repos/ACME/App/dispatches -> 204 (fleet-bot[bot])",
        "POST /repos/acme/WEB/dispatches -> 204 (fleet-bot[bot])",
      ].join("\n"),
    );
    expect(sim.state.repos.get("acme/app")!.dispatches.repository.at(-1)).toMatchObject({
      event_type: "runtime-published",
      client_payload: { version: "2.0.0" },
    });
  });

  it("skips an archived repository that GitHub refuses, and names contents: write on a 403", async () => {
    const archived = await run(sim, {
      mode: "repository",
      "event-type": "ping",
      "dry-run": "false",
      repositories: "acme/attic",
    });
    expect(archived.repos[0]).toMatchObject({ status: "skipped", done: 0 });
    expect(archived.repos[0]!.notice).toContain(
      "archived: GitHub refuses dispatches to an archived repository",
    );
    const denied = await run(sim, {
      mode: "repository",
      "event-type": "ping",
      "dry-run": "false",
      token: READER,
      repositories: "acme/app",
    });
    expect(denied.repos[0]!.error).toBe(
      "403 Forbidden: the token may not send repository_dispatch events in acme/app; it needs permission contents: write (GitHub said: Resource not accessible by integration)",
    );
  });

  it("reads targets one by one when the token is not an installation token", async () => {
    const result = await run(sim, { ...workflow, token: PAT, repositories: "acme/app,acme/web" });
    expect(result.outputs.dispatched).toEqual(["acme/app", "acme/web"]);
    expect(sim.log.format({ method: "GET" })).toBe(
      [
        "GET /installation/repositories?per_page=100&page=1 -> 403 (octo-dev)",
        "GET /repos/acme/app -> 200 (octo-dev)",
        "GET /repos/acme/web -> 200 (octo-dev)",
      ].join("\n"),
    );
  });

  it("resends without return_run_details to a server that refuses the key", async () => {
    sim.faults.add({
      match: { method: "POST", path: "/repos/acme/app/actions/workflows/cd.yml/dispatches" },
      when: { nth: 1 },
      then: {
        status: 422,
        body: { message: 'Invalid request.\n\n"return_run_details" is not a permitted key.' },
      },
    });
    const result = await run(sim, { ...workflow, ref: "main", repositories: "acme/app" });
    expect(result.repos[0]).toMatchObject({ status: "ok", done: 1 });
    expect(sim.log.format({ method: "POST" })).toBe(
      [
        "POST /repos/acme/app/actions/workflows/cd.yml/dispatches -> 422 (fleet-bot[bot])",
        "POST /repos/acme/app/actions/workflows/cd.yml/dispatches -> 204 (fleet-bot[bot])",
      ].join("\n"),
    );
    expect(result.outputs.runs).toEqual({});
  });

  it("never retries a dispatch that failed with 5xx, and says it may have been received", async () => {
    sim.faults.add({
      match: { method: "POST" },
      when: { nth: 1 },
      then: { status: 502, body: { message: "Bad Gateway" } },
    });
    const result = await run(sim, { ...workflow, ref: "main", repositories: "acme/app" });
    expect(sim.log.count({ method: "POST" })).toBe(1);
    expect(result.repos[0]!.error).toBe(
      "POST /repos/acme/app/actions/workflows/cd.yml/dispatches on acme/app: GitHub answered 502 after retries: Bad Gateway; the server may or may not have received it: check the target's runs before rerunning",
    );
  });

  it.each([
    ["lost", { lostAnswer: true }],
    ["cut short", { truncate: true }],
  ] as const)(
    "a dispatch whose answer was %s is sent once and reported as maybe received",
    async (_what, then) => {
      sim.faults.add({ match: { method: "POST" }, then, times: 1 });
      const result = await run(sim, { ...workflow, ref: "main", repositories: "acme/app" });
      expect(sim.log.count({ method: "POST" })).toBe(1);
      expect(result.repos[0]!.status).toBe("failed");
      expect(result.repos[0]!.error).toMatch(/the server may or may not have received it/);
    },
  );
});
