import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readInputs } from "../../core/inputs.ts";
import { startGitea, type Gitea } from "../../sim/gitea/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./dispatch.ts";
import { dispatchWorld, READER, TOKEN } from "./dispatch-world.fixture.ts";

const run = (gitea: Gitea, inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  action.run(
    readInputs(
      action.schema,
      (n) => ({ token: TOKEN, "api-url": gitea.apiUrl, forge: "gitea", ...inputs })[n] ?? "",
      env,
    ),
    testDeps({ env }),
  );

const workflow = { mode: "workflow", workflow: "cd.yml", "dry-run": "false" };

// run() against the simulated Gitea over HTTP.
describe("dispatch on Gitea", () => {
  let gitea: Gitea;
  beforeAll(async () => {
    gitea = await startGitea(dispatchWorld());
  });
  afterAll(() => gitea.close());
  beforeEach(() => {
    gitea.log.clear();
  });

  it("previews, then dispatches by file name on each default branch, inputs as strings", async () => {
    const inputs = { ...workflow, repositories: "acme/web,acme/attic", inputs: '{"version":3}' };
    const dry = await run(gitea, { ...inputs, "dry-run": "true" });
    expect(gitea.log.mutations()).toEqual([]);
    const real = await run(gitea, inputs);
    expect(real.outputs).toEqual(dry.outputs);
    expect(real.outputs).toEqual({ dispatched: ["acme/web"], failed: [], runs: {} });
    // Gitea accepts dispatches to archived repositories: the read before decides the skip.
    expect(real.repos[1]).toMatchObject({ status: "skipped" });
    // The preflight comes first; the two targets are read at once, in either order.
    const last = gitea.log.format().split("\n").slice(-4);
    expect(last[0]).toBe("GET /api/v1/user -> 200 (fleet-bot[bot])");
    expect(last.slice(1).sort()).toEqual([
      "GET /api/v1/repos/acme/attic -> 200 (fleet-bot[bot])",
      "GET /api/v1/repos/acme/web -> 200 (fleet-bot[bot])",
      "POST /api/v1/repos/acme/web/actions/workflows/cd.yml/dispatches?return_run_details=true -> 204 (fleet-bot[bot])",
    ]);
    const web = gitea.state.repos.get("acme/web")!;
    expect(web.dispatches.workflow.at(-1)).toMatchObject({
      ref: "trunk",
      inputs: { version: "3" },
    });
    expect(real.summary).toContain(
      "Preflight: the token was accepted (GET /user answered 200, as fleet-bot[bot]).",
    );
  });

  it("finds the API root from Gitea Actions' GITHUB_SERVER_URL, and refuses to guess elsewhere", async () => {
    const result = await run(
      gitea,
      { ...workflow, "api-url": "", ref: "main", repositories: "acme/app" },
      { GITHUB_SERVER_URL: gitea.url, GITHUB_API_URL: "https://api.github.com" },
    );
    expect(result.outputs.dispatched).toEqual(["acme/app"]);
    gitea.log.clear();
    await expect(
      run(
        gitea,
        { ...workflow, "api-url": "", repositories: "acme/app" },
        { GITHUB_SERVER_URL: "https://github.com" },
      ),
    ).rejects.toThrow(
      "Input 'api-url': is required with forge gitea outside Gitea Actions (found GITHUB_SERVER_URL 'https://github.com'); allowed the Gitea API root, e.g. https://gitea.example.com/api/v1",
    );
    expect(gitea.log.count()).toBe(0);
  });

  it("says the server lacks repository dispatch and to use mode workflow", async () => {
    const result = await run(gitea, {
      mode: "repository",
      "event-type": "runtime-published",
      "dry-run": "false",
      repositories: "acme/app",
    });
    expect(result.repos[0]).toMatchObject({
      status: "failed",
      error:
        "404: this Gitea server has no repository dispatch endpoint (POST /repos/{owner}/{repo}/dispatches answered 404); Gitea cannot receive repository_dispatch events: use mode: workflow with the workflow's file name",
    });
  });

  it("explains each refusal as Gitea words it", async () => {
    const refusals = async (inputs: Record<string, string>) =>
      (await run(gitea, { ...workflow, ...inputs })).repos.map((r) => r.error);
    expect(await refusals({ repositories: "acme/app,acme/lib,acme/docs,acme/gone" })).toEqual([
      undefined,
      "404 Not Found: workflow 'cd.yml' was not found in acme/lib (the repository exists); it must be a file under .gitea/workflows or .github/workflows on main",
      `422 Unprocessable: workflow "cd.yml" has no workflow_dispatch event trigger (workflow 'cd.yml' has no workflow_dispatch trigger on main: add \`on: workflow_dispatch\` to it)`,
      "404 Not Found: repository acme/gone does not exist, or the token cannot see it (a repository a token may not read answers 404, not 403); nothing was dispatched to it",
    ]);
    expect(await refusals({ ref: "release", repositories: "acme/app" })).toEqual([
      "404 Not Found: ref 'release' does not exist in acme/app",
    ]);
    expect(await refusals({ token: READER, repositories: "acme/app" })).toEqual([
      "403 Forbidden: the token may not start workflows in acme/app; it needs the write:repository scope and write access to the repository (Gitea said: token does not have at least one of required scope(s): [write:repository])",
    ]);
  });

  it("stops at the preflight on a bad token", async () => {
    await expect(
      run(gitea, { ...workflow, token: "revoked-token-0000", repositories: "acme/app,acme/web" }),
    ).rejects.toThrow(
      "preflight: GET /user answered 401 Unauthorized: the token is invalid, expired or revoked; nothing was dispatched to any of the 2 targets",
    );
    expect(gitea.log.count()).toBe(1);
  });
});

describe("dispatch on a Gitea behind a proxy answering 405", () => {
  it("says the server lacks repository dispatch", async () => {
    const gitea = await startGitea(dispatchWorld(), { repositoryDispatch: 405 });
    try {
      const result = await run(gitea, {
        mode: "repository",
        "event-type": "x",
        "dry-run": "false",
        repositories: "acme/app",
      });
      expect(result.repos[0]!.error).toMatch(
        /^405: this Gitea server has no repository dispatch endpoint/,
      );
    } finally {
      await gitea.close();
    }
  });
});
