import { describe, expect, it } from "vitest";
import { agentOf, proposalTests } from "../src/actions/open-pr/proposal.fixture.ts";
import { expectTokenMasked, runBundle, type BundleRun } from "./helpers/bundle.ts";

const fast = { FLEET_WRITE_INTERVAL_MS: "0", FLEET_RETRY_UNIT_MS: "5" };
const errors = (run: BundleRun) =>
  run.stdout
    .split("\n")
    .filter((l) => l.startsWith("::error::"))
    .map((l) => l.slice("::error::".length));

const { start, checkout } = proposalTests();

// The committed bundle, spawned as a runner spawns it, on a checkout in its workspace.
describe("actions/open-pr/dist/index.cjs", () => {
  async function setUp() {
    const { sim, agent } = await start(undefined, {});
    const ws = checkout(agent);
    const env = {
      GITHUB_API_URL: sim.url,
      GITHUB_TOKEN: sim.token,
      GITHUB_WORKSPACE: ws.workspace,
      ...fast,
    };
    return { state: sim.state, ws, env, sim };
  }

  it("opens the pull request, naming the version move from the values file", async () => {
    const { state, ws, env } = await setUp();
    ws.write(".adl-version", "0.10.0\n");
    ws.write("../values.env", "from=0.9.3\nto=0.10.0\n");
    const run = await runBundle(
      "open-pr",
      {
        repository: "acme/agent",
        path: ws.path,
        "dry-run": "false",
        "change-id": "bump-adl",
        title: "chore(deps): bump adl {{ values.from }} -> {{ values.to }}",
        "fallback-title": "chore(deps): bump adl",
        "values-file": "values.env",
        target: JSON.stringify({ name: "agent", kind: "agent" }),
        body: "Bumps the ADL CLI of {{ target.name }} ({{ target.kind }}).",
      },
      { env },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ operation: "created", "pull-request-number": "1" });
    const pr = agentOf(state).issues.find((i) => i.is_pull_request)!;
    expect(pr.title).toBe("chore(deps): bump adl 0.9.3 -> 0.10.0");
    expect(pr.body).toMatch(/^Bumps the ADL CLI of agent \(agent\)\./);
    expectTokenMasked(run, env.GITHUB_TOKEN);
  });

  it("refuses bad inputs with one error each, before reading the checkout or the API", async () => {
    const { ws, env, sim } = await setUp();
    const run = await runBundle(
      "open-pr",
      {
        repository: "acme",
        path: ws.path,
        "change-id": "bump adl",
        title: "x",
        labels: "ok,bad\u202elabel",
        reviewers: "not a login",
      },
      { env },
    );
    expect(run.code).toBe(1);
    expect(errors(run).join("\n")).toMatch(
      /Input 'repository': found 'acme', allowed one owner\/name%0AInput 'change-id': found 'bump adl'; allowed letters, digits.*%0AInput 'labels': found .*%0AInput 'reviewers': found 'not a login'; allowed GitHub logins/,
    );
    expect(sim.log.count()).toBe(0);
  });

  it("refuses a path outside the workspace", async () => {
    const { env, sim } = await setUp();
    const run = await runBundle(
      "open-pr",
      { repository: "acme/agent", path: "../../..", "change-id": "x", title: "x" },
      { env },
    );
    expect(run.code).toBe(1);
    expect(errors(run).join("\n")).toMatch(
      /path: found '..\/..\/..', which is outside the workspace/,
    );
    expect(sim.log.count()).toBe(0);
  });

  it("falls back to the fixed title when nothing moved", async () => {
    const { state, ws, env } = await setUp();
    ws.write("NOTES.md", "notes\n");
    ws.write("../values.env", "");
    const run = await runBundle(
      "open-pr",
      {
        repository: "acme/agent",
        path: ws.path,
        "dry-run": "false",
        "change-id": "notes",
        title: "bump {{ values.from }} -> {{ values.to }}",
        "fallback-title": "chore: refresh notes",
        "values-file": "values.env",
      },
      { env },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(agentOf(state).issues.find((i) => i.is_pull_request)!.title).toBe(
      "chore: refresh notes",
    );
  });
});
