import { describe, expect, it } from "vitest";
import { parseRepo } from "../../core/repository.ts";
import { needsFacts, planTarget, type RepoFacts } from "./plan.ts";

const app = parseRepo("Acme/App");
const facts: RepoFacts = { fullName: "acme/app", defaultBranch: "trunk", archived: false };
const workflow = (ref?: string, inputs: Record<string, unknown> = {}) =>
  ({ mode: "workflow", workflow: "cd.yml", ref, inputs }) as const;

describe("planTarget", () => {
  it("sends a repository dispatch to the name as given, payload only when there is one", () => {
    expect(
      planTarget(app, undefined, {
        forge: "github",
        kind: {
          mode: "repository",
          eventType: "runtime-published",
          clientPayload: { version: "2" },
        },
      }),
    ).toEqual({
      action: "send",
      request: {
        route: "POST /repos/{owner}/{repo}/dispatches",
        params: { owner: "Acme", repo: "App" },
        body: { event_type: "runtime-published", client_payload: { version: "2" } },
        display: "POST /repos/Acme/App/dispatches",
      },
    });
    const bare = planTarget(app, undefined, {
      forge: "github",
      kind: { mode: "repository", eventType: "ping", clientPayload: {} },
    });
    expect(bare.action === "send" && bare.request.body).toEqual({ event_type: "ping" });
  });

  it("runs a workflow on the default branch unless a ref is given, asking GitHub for the run", () => {
    const plan = planTarget(app, facts, { forge: "github", kind: workflow(undefined, { n: 1 }) });
    expect(plan).toEqual({
      action: "send",
      request: {
        route: "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
        params: { owner: "Acme", repo: "App", workflow_id: "cd.yml" },
        body: { ref: "trunk", inputs: { n: 1 }, return_run_details: true },
        display: "POST /repos/Acme/App/actions/workflows/cd.yml/dispatches",
        ref: "trunk",
      },
    });
    const pinned = planTarget(app, undefined, { forge: "github", kind: workflow("v2.0.0") });
    expect(pinned.action === "send" && pinned.request.body).toEqual({
      ref: "v2.0.0",
      return_run_details: true,
    });
  });

  it("on Gitea asks for the run in the query and sends inputs as strings", () => {
    const plan = planTarget(app, facts, {
      forge: "gitea",
      kind: workflow(undefined, { n: 1, dry: false, tag: "x" }),
    });
    expect(plan.action === "send" && plan.request).toMatchObject({
      route:
        "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches?return_run_details=true",
      body: { ref: "trunk", inputs: { n: "1", dry: "false", tag: "x" } },
    });
  });

  it("skips an archived repository with a notice", () => {
    expect(
      planTarget(app, { ...facts, archived: true }, { forge: "gitea", kind: workflow() }),
    ).toEqual({
      action: "skip",
      notice: "archived: acme/app is read-only, so nothing is dispatched to it",
    });
  });

  it("cannot plan a workflow dispatch without a ref or the default branch", () => {
    expect(() => planTarget(app, undefined, { forge: "github", kind: workflow() })).toThrow(
      "planning Acme/App: no ref given and the default branch is unknown",
    );
  });
});

describe("needsFacts", () => {
  const repository = { mode: "repository", eventType: "x", clientPayload: {} } as const;
  it.each([
    ["github repository dispatch", { forge: "github", kind: repository, dryRun: false }, false],
    ["github workflow with ref", { forge: "github", kind: workflow("main"), dryRun: false }, false],
    [
      "github workflow on default branch",
      { forge: "github", kind: workflow(), dryRun: false },
      true,
    ],
    [
      "gitea (archived repos are not refused)",
      { forge: "gitea", kind: workflow("main"), dryRun: false },
      true,
    ],
    ["a dry run", { forge: "github", kind: repository, dryRun: true }, true],
  ] as const)("%s", (_, o, expected) => {
    expect(needsFacts(o)).toBe(expected);
  });
});
