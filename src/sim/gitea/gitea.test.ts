import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRepo, addRun, addToken, addWorkflow, createState, type SimState } from "../state.ts";
import { startGitea, type Gitea } from "./index.ts";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const ADMIN = "gitea-admin-token-0123";
const READER = "gitea-reader-token-0123";

function world(): SimState {
  const state = createState({ now: NOW, seed: 3 });
  addToken(state, { token: ADMIN, login: "release-bot", kind: "pat" });
  addToken(state, {
    token: READER,
    login: "reader",
    kind: "pat",
    permissions: { actions: "read", metadata: "read" },
  });
  const app = addRepo(state, { owner: "Acme", name: "App", created_at: "2026-01-01T00:00:00Z" });
  addWorkflow(state, app, {
    name: "CD",
    file: "cd.yml",
    created_at: "2026-01-01T00:00:00Z",
    dispatchInputs: { version: {} },
  });
  addWorkflow(state, app, { name: "CI", file: "ci.yml", created_at: "2026-01-01T00:00:00Z" });
  addWorkflow(state, app, {
    name: "Old",
    file: "old.yml",
    state: "disabled_manually",
    created_at: "2026-01-01T00:00:00Z",
    dispatchInputs: {},
  });
  const ci = app.workflows[1]!;
  for (let i = 0; i < 120; i++)
    addRun(state, app, { workflow: ci, created_at: "2026-05-01T00:00:00Z" });
  addRepo(state, {
    owner: "acme",
    name: "attic",
    archived: true,
    created_at: "2026-01-01T00:00:00Z",
  });
  return state;
}

// The simulated Gitea over real HTTP: what the dispatch action relies on, as Gitea answers it.
describe("simulated Gitea", () => {
  let gitea: Gitea;
  beforeAll(async () => {
    gitea = await startGitea(world(), { clock: "manual" });
  });
  afterAll(() => gitea.close());

  const call = (method: string, path: string, o: { auth?: string; body?: unknown } = {}) =>
    fetch(`${gitea.apiUrl}${path}`, {
      method,
      headers: {
        ...(o.auth === undefined
          ? { authorization: `token ${ADMIN}` }
          : o.auth
            ? { authorization: o.auth }
            : {}),
        ...(o.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });

  it("authenticates with `token X` or `Bearer X`, 401 otherwise, with Gitea's error body", async () => {
    for (const auth of [`token ${ADMIN}`, `Bearer ${ADMIN}`]) {
      const res = await call("GET", "/user", { auth });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { login: string }).login).toBe("release-bot");
      expect([...res.headers.keys()].filter((h) => h.startsWith("x-ratelimit"))).toEqual([]);
    }
    const missing = await call("GET", "/user", { auth: "" });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      message: "token is required",
      url: `${gitea.url}/api/swagger`,
    });
    expect((await call("GET", "/repos/acme/app", { auth: "token nope" })).status).toBe(401);
    expect(gitea.log.format()).toContain("GET /api/v1/user -> 200 (release-bot)");
  });

  it("serves repositories case-insensitively, keeping their own case, and 404 for unknown ones", async () => {
    const res = await call("GET", "/repos/acme/app");
    const repo = (await res.json()) as Record<string, unknown>;
    expect(repo).toMatchObject({
      full_name: "Acme/App",
      default_branch: "main",
      archived: false,
      html_url: `${gitea.url}/Acme/App`,
    });
    expect(
      ((await (await call("GET", "/repos/acme/attic")).json()) as { archived: boolean }).archived,
    ).toBe(true);
    const gone = await call("GET", "/repos/acme/gone");
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toBe("not found");
  });

  it("has no repository dispatch: 404 by default", async () => {
    const res = await call("POST", "/repos/acme/app/dispatches", { body: { event_type: "x" } });
    expect(res.status).toBe(404);
  });

  it("dispatches a workflow by file name, keeping declared inputs only, and queues a run", async () => {
    const app = gitea.state.repos.get("acme/app")!;
    const runs = app.runs.size;
    const res = await call(
      "POST",
      "/repos/Acme/App/actions/workflows/cd.yml/dispatches?return_run_details=true",
      {
        body: { ref: "main", inputs: { version: "1.2.3", extra: "dropped" } },
      },
    );
    // Gitea 1.24 and 1.25 ignore return_run_details.
    expect(res.status).toBe(204);
    expect(app.dispatches.workflow.at(-1)).toMatchObject({
      ref: "main",
      inputs: { version: "1.2.3" },
      actor: "release-bot",
    });
    expect(app.runs.size).toBe(runs + 1);
    const run = [...app.runs.values()].at(-1)!;
    expect(run).toMatchObject({
      status: "queued",
      event: "workflow_dispatch",
      head_branch: "main",
    });
    const listed = (await (
      await call("GET", "/repos/acme/app/actions/runs?event=workflow_dispatch")
    ).json()) as {
      total_count: number;
      workflow_runs: Record<string, unknown>[];
    };
    expect(listed.total_count).toBe(1);
    expect(listed.workflow_runs[0]).toMatchObject({
      id: run.id,
      path: "cd.yml@refs/heads/main",
      status: "queued",
    });
    expect(listed.workflow_runs[0]).not.toHaveProperty("conclusion");
  });

  it("answers dispatch mistakes as Gitea does", async () => {
    const cases: [string, unknown, number, string][] = [
      ["cd.yml", { inputs: {} }, 422, "ref is required parameter"],
      ["cd.yml", { ref: "nope" }, 404, 'ref "nope" doesn\'t exist'],
      ["cd.yml", { ref: "refs/heads/main", inputs: { version: 2 } }, 422, "cannot unmarshal 2"],
      ["missing.yml", { ref: "main" }, 404, 'workflow "missing.yml" doesn\'t exist'],
      [
        String(gitea.state.repos.get("acme/app")!.workflows[0]!.id),
        { ref: "main" },
        404,
        "doesn't exist",
      ],
      ["ci.yml", { ref: "main" }, 422, 'workflow "ci.yml" has no workflow_dispatch event trigger'],
      ["old.yml", { ref: "main" }, 403, "workflow is disabled"],
    ];
    for (const [file, body, status, message] of cases) {
      const res = await call("POST", `/repos/acme/app/actions/workflows/${file}/dispatches`, {
        body,
      });
      expect(res.status, `${file} ${JSON.stringify(body)}`).toBe(status);
      expect(((await res.json()) as { message: string }).message).toContain(message);
    }
    const denied = await call("POST", "/repos/acme/app/actions/workflows/cd.yml/dispatches", {
      auth: `token ${READER}`,
      body: { ref: "main" },
    });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { message: string }).message).toBe(
      "token does not have at least one of required scope(s): [write:repository]",
    );
  });

  it("pages with page + limit, at most 50, with x-total-count and Gitea's Link header", async () => {
    const res = await call("GET", "/repos/acme/app/actions/runs?limit=100&page=2");
    const body = (await res.json()) as { workflow_runs: { id: number }[]; total_count: number };
    expect(body.workflow_runs).toHaveLength(50);
    expect(res.headers.get("x-total-count")).toBe(String(body.total_count));
    const base = `${gitea.apiUrl}/repos/acme/app/actions/runs?limit=100&page=`;
    expect(res.headers.get("link")).toBe(
      `<${base}3>; rel="next",<${base}3>; rel="last",<${base}1>; rel="first",<${base}1>; rel="prev"`,
    );
    const first = (await (await call("GET", "/repos/acme/app/actions/runs")).json()) as {
      workflow_runs: { id: number }[];
    };
    expect(first.workflow_runs).toHaveLength(30);
    const ids = first.workflow_runs.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const one = await call("GET", `/repos/acme/app/actions/runs/${ids[1]}`);
    expect(((await one.json()) as { id: number }).id).toBe(ids[1]);
    expect((await call("GET", "/repos/acme/app/actions/runs/999999")).status).toBe(404);
  });

  it("applies fault rules to /api/v1 paths", async () => {
    gitea.faults.add({
      match: { path: "/api/v1/user" },
      when: { nth: 1 },
      then: { status: 502, body: { message: "bad gateway" } },
    });
    expect((await call("GET", "/user")).status).toBe(502);
    expect((await call("GET", "/user")).status).toBe(200);
    gitea.faults.clear();
  });
});

describe("simulated Gitea, configured as a newer or a proxied server", () => {
  it("returns run details when new enough, and 405 for repository dispatch when asked to", async () => {
    const gitea = await startGitea(world(), { runDetails: true, repositoryDispatch: 405 });
    try {
      const headers = { authorization: `token ${ADMIN}`, "content-type": "application/json" };
      const res = await fetch(
        `${gitea.apiUrl}/repos/acme/app/actions/workflows/cd.yml/dispatches?return_run_details=true`,
        {
          method: "POST",
          headers,
          body: JSON.stringify({ ref: "main" }),
        },
      );
      expect(res.status).toBe(200);
      const details = (await res.json()) as {
        workflow_run_id: number;
        html_url: string;
        run_url: string;
      };
      const run = gitea.state.repos.get("acme/app")!.runs.get(details.workflow_run_id)!;
      expect(details.run_url).toBe(`${gitea.apiUrl}/repos/Acme/App/actions/runs/${run.id}`);
      expect(details.html_url).toBe(`${gitea.url}/Acme/App/actions/runs/${run.run_number}`);
      const repository = await fetch(`${gitea.apiUrl}/repos/acme/app/dispatches`, {
        method: "POST",
        headers,
        body: JSON.stringify({ event_type: "x" }),
      });
      expect(repository.status).toBe(405);
    } finally {
      await gitea.close();
    }
  });
});
