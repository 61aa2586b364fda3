import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import { expectTokenMasked, runBundle } from "./helpers/bundle.ts";

const TOKEN = "ghs_roadmapBundleSecret0123";
const WORKFLOW_TOKEN = "ghs_roadmapWorkflowToken456";

/** acme/app: 40 issues and PRs, some on the roadmap, some on another board; acme/attic archived. */
const scenario = () =>
  buildScenario({
    seed: 6,
    now: Date.now(),
    admin: { login: "fleet-bot[bot]", token: TOKEN },
    tokens: [
      {
        login: "github-actions[bot]",
        token: WORKFLOW_TOKEN,
        kind: "github_token",
        repositories: ["acme/app"],
      },
    ],
    orgs: [
      {
        login: "acme",
        boards: [
          { number: 7, title: "Roadmap" },
          { number: 8, title: "Ideas", statusOptions: ["New"] },
        ],
        repos: [
          {
            name: "app",
            issues: {
              count: 40,
              pullRequestShare: 0.2,
              closedShare: 0.1,
              boards: [
                { number: 7, share: 0.3 },
                { number: 8, share: 0.2, archivedShare: 0.5 },
              ],
            },
          },
          { name: "attic", archived: true, issues: { count: 3 } },
        ],
      },
    ],
  });

// The committed bundle, spawned as a runner spawns it, against the simulator.
describe("actions/roadmap-backfill/dist/index.cjs", () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(scenario());
  });
  afterAll(() => sim.close());

  const env = (token = TOKEN) => ({
    GITHUB_API_URL: sim.url,
    GITHUB_TOKEN: token,
    FLEET_WRITE_INTERVAL_MS: "0",
    FLEET_RETRY_UNIT_MS: "5",
  });
  const inputs = { repositories: "acme/app,\nacme/attic", "project-number": "7" };
  const onNoBoard = () => {
    const tracked = new Set(sim.state.projects.flatMap((p) => p.items.map((i) => i.contentNodeId)));
    return sim.state.repos
      .get("acme/app")!
      .issues.filter((i) => !i.is_pull_request && i.state === "open" && !tracked.has(i.node_id));
  };

  it("previews with zero mutations, then adds exactly what it previewed; a rerun adds nothing", async () => {
    const orphans = onNoBoard();
    expect(orphans.length).toBeGreaterThan(5);
    const dry = await runBundle(
      "roadmap-backfill",
      { ...inputs, "dry-run": "true" },
      { env: env() },
    );
    expect(dry.stdout).not.toContain("::error::");
    expect(dry.code).toBe(0);
    expect(sim.log.mutations()).toEqual([]);
    expect(JSON.parse(dry.outputs.added!)).toEqual(
      orphans.map((i) => `https://github.com/acme/app/issues/${i.number}`),
    );
    expect(dry.outputs.orphans).toBe(String(orphans.length));
    expect(dry.summary).toContain("## Roadmap backfill (dry run: nothing was changed)");
    expect(dry.stdout).toContain("::notice::acme/attic: archived");

    const real = await runBundle(
      "roadmap-backfill",
      { ...inputs, "dry-run": "false" },
      { env: env() },
    );
    expect(real.code).toBe(0);
    expect(real.outputs.added).toBe(dry.outputs.added);
    expect(real.outputs.result).toBe(dry.outputs.result);
    expect(onNoBoard()).toEqual([]);
    const roadmap = sim.state.projects.find((p) => p.number === 7)!;
    const status = roadmap.fields[0]!;
    const todo = status.options.find((o) => o.name === "Todo")!.id;
    for (const issue of orphans) {
      const item = roadmap.items.find((i) => i.contentNodeId === issue.node_id)!;
      expect(item.fieldValues[status.id]).toBe(todo);
    }
    // One addition request and one Status request for all of them.
    expect(sim.log.mutations().map((e) => e.operation)).toEqual(["AddToBoard", "SetStatus"]);

    sim.log.clear();
    const again = await runBundle(
      "roadmap-backfill",
      { ...inputs, "dry-run": "false" },
      { env: env() },
    );
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ added: "[]", orphans: "0", left: "0" });
    expect(sim.log.mutations()).toEqual([]);
    for (const run of [dry, real, again]) expectTokenMasked(run, TOKEN);
  });

  it("refuses bad inputs before any request, naming the input", async () => {
    sim.log.clear();
    const run = await runBundle(
      "roadmap-backfill",
      { repositories: "acme/app", "project-number": "seven", "dry-run": "yes" },
      { env: env() },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::roadmap-backfill: Input 'dry-run': found 'yes', allowed true or false%0AInput 'project-number': found 'seven', allowed a whole number from 1 to 2147483647",
    );
    expect(sim.log.count()).toBe(0);
  });

  it("fails with the permission it needs when given GITHUB_TOKEN, touching no repository", async () => {
    sim.log.clear();
    const run = await runBundle("roadmap-backfill", inputs, { env: env(WORKFLOW_TOKEN) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::roadmap-backfill: project-number 7: the token may not read the boards of acme (Resource not accessible by integration); the token needs the organization permission Projects: read and write",
    );
    expect(sim.log.format()).toBe("POST /graphql query RoadmapBoard -> 200 (github-actions[bot])");
    expectTokenMasked(run, WORKFLOW_TOKEN);
  });
});
