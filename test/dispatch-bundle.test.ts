import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchWorld, TOKEN } from "../src/actions/dispatch/dispatch-world.fixture.ts";
import { startGitea, type Gitea } from "../src/sim/gitea/index.ts";
import { startSim, type Sim } from "../src/sim/index.ts";
import { expectTokenMasked, runBundle, type BundleRun } from "./helpers/bundle.ts";

const fast = { FLEET_WRITE_INTERVAL_MS: "0", FLEET_RETRY_UNIT_MS: "5" };

const errors = (run: BundleRun) =>
  run.stdout
    .split("\n")
    .filter((l) => l.startsWith("::error::"))
    .map((l) => l.slice("::error::".length));

// The committed bundle, spawned as a runner spawns it, against the GitHub simulator.
describe("actions/dispatch/dist/index.cjs on GitHub", () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(dispatchWorld());
  });
  afterAll(() => sim.close());
  const env = () => ({ GITHUB_API_URL: sim.url, GITHUB_TOKEN: TOKEN, ...fast });

  it("dispatches what it can, reports each refusal and exits non-zero", async () => {
    const run = await runBundle(
      "dispatch",
      {
        repositories: "acme/app\nacme/legacy\nacme/gone\nacme/lib\nacme/docs",
        mode: "workflow",
        workflow: "cd.yml",
        "dry-run": "false",
      },
      { env: env() },
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.outputs.dispatched!)).toEqual(["acme/app"]);
    expect(JSON.parse(run.outputs.failed!)).toEqual([
      "acme/legacy",
      "acme/gone",
      "acme/lib",
      "acme/docs",
    ]);
    expect(errors(run)).toEqual([
      "acme/legacy: 422 Unprocessable: Cannot trigger a 'workflow_dispatch' on a disabled workflow (workflow 'cd.yml' is disabled in acme/legacy: enable it in the repository's Actions settings)",
      "acme/gone: 404 Not Found: repository acme/gone does not exist, or the token cannot see it (it is not among the 7 repositories this installation token can reach); nothing was dispatched to it",
      "acme/lib: 404 Not Found: workflow 'cd.yml' was not found in acme/lib (the repository exists); it must be a file under .github/workflows on main",
      "acme/docs: 422 Unprocessable: Workflow does not have 'workflow_dispatch' trigger (workflow 'cd.yml' has no workflow_dispatch trigger on main: add `on: workflow_dispatch` to it)",
    ]);
    const app = sim.state.repos.get("acme/app")!;
    const runId = app.dispatches.workflow.at(-1)!.run_id;
    expect(JSON.parse(run.outputs.runs!)).toEqual({
      "acme/app": `https://github.com/acme/app/actions/runs/${runId}`,
    });
    expect(run.summary).toContain(
      `- [run ${runId}](https://github.com/acme/app/actions/runs/${runId})`,
    );
    expectTokenMasked(run, TOKEN);
  });

  it("stops at the preflight on a bad token with one error and one request", async () => {
    sim.log.clear();
    const run = await runBundle(
      "dispatch",
      {
        repositories: "acme/app,acme/web",
        mode: "repository",
        "event-type": "ping",
        "dry-run": "false",
      },
      { env: { ...env(), GITHUB_TOKEN: "ghs_expiredToken00000" } },
    );
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      "dispatch: preflight: GET /rate_limit answered 401 Unauthorized: the token is invalid, expired or revoked; nothing was dispatched to any of the 2 targets; create a new token and update the secret",
    ]);
    expect(sim.log.count()).toBe(1);
    expect(sim.log.mutations()).toEqual([]);
  });

  it("refuses a payload of more than 10 keys before any request", async () => {
    sim.log.clear();
    const payload = JSON.stringify(
      Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])),
    );
    const run = await runBundle(
      "dispatch",
      {
        repositories: "acme/app",
        mode: "repository",
        "event-type": "ping",
        "client-payload": payload,
      },
      { env: env() },
    );
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      `dispatch: Input 'client-payload': found '${payload}', allowed a JSON object of at most 10 top-level keys (found 11)`,
    ]);
    expect(sim.log.count()).toBe(0);
  });
});

// The same bundle on Gitea Actions: forge gitea, the API root from GITHUB_SERVER_URL.
describe("actions/dispatch/dist/index.cjs on Gitea", () => {
  let gitea: Gitea;
  beforeAll(async () => {
    gitea = await startGitea(dispatchWorld());
  });
  afterAll(() => gitea.close());
  const env = () => ({
    GITEA_ACTIONS: "true",
    GITHUB_SERVER_URL: gitea.url,
    GITHUB_API_URL: gitea.apiUrl,
    GITHUB_TOKEN: TOKEN,
    ...fast,
  });

  it("previews, then answers 204, 403, 404 and 422 for each target, keeping the owner's case", async () => {
    const inputs = {
      forge: "gitea",
      repositories: "ACME/app,acme/legacy,acme/lib,acme/docs",
      mode: "workflow",
      workflow: "cd.yml",
    };
    const dry = await runBundle("dispatch", inputs, { env: env() });
    expect(dry.code).toBe(0);
    expect(gitea.log.mutations()).toEqual([]);
    expect(dry.summary).toContain("## Dispatch (dry run: nothing was changed)");
    expect(dry.summary).toContain(
      '| ACME/app | `POST /repos/ACME/app/actions/workflows/cd.yml/dispatches` | `{"ref":"main"}` |',
    );

    const real = await runBundle("dispatch", { ...inputs, "dry-run": "false" }, { env: env() });
    expect(real.code).toBe(1);
    // Targets are worked on several at a time: which dispatch arrives first is not fixed.
    expect(
      gitea.log
        .format({ method: "POST" })
        .split("\n")
        .map((l) => l.replace(/ \(.*\)$/, ""))
        .sort(),
    ).toEqual([
      "POST /api/v1/repos/ACME/app/actions/workflows/cd.yml/dispatches?return_run_details=true -> 204",
      "POST /api/v1/repos/acme/docs/actions/workflows/cd.yml/dispatches?return_run_details=true -> 422",
      "POST /api/v1/repos/acme/legacy/actions/workflows/cd.yml/dispatches?return_run_details=true -> 403",
      "POST /api/v1/repos/acme/lib/actions/workflows/cd.yml/dispatches?return_run_details=true -> 404",
    ]);
    expect(JSON.parse(real.outputs.dispatched!)).toEqual(["ACME/app"]);
    expect(errors(real)).toEqual([
      "acme/legacy: 403 Forbidden: workflow 'cd.yml' is disabled in acme/legacy; enable it in the repository's Actions settings (Gitea said: workflow is disabled)",
      "acme/lib: 404 Not Found: workflow 'cd.yml' was not found in acme/lib (the repository exists); it must be a file under .gitea/workflows or .github/workflows on main",
      `acme/docs: 422 Unprocessable: workflow "cd.yml" has no workflow_dispatch event trigger (workflow 'cd.yml' has no workflow_dispatch trigger on main: add \`on: workflow_dispatch\` to it)`,
    ]);
    expect(gitea.state.repos.get("acme/app")!.dispatches.workflow).toHaveLength(1);
    expectTokenMasked(real, TOKEN);
  });
});
