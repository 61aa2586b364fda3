import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchWorld, TOKEN } from "../src/actions/dispatch/dispatch-world.fixture.ts";
import { startSim, type Sim } from "../src/sim/index.ts";
import { runBundle } from "./helpers/bundle.ts";

// Payloads and refs GitHub would refuse are refused once, before the first request, rather
// than sent to every target to be refused by each (or, 5,000 deep, crash after dispatching).

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

describe("actions/dispatch/dist/index.cjs, hostile inputs", () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(dispatchWorld());
  });
  afterAll(() => sim.close());

  it.each([
    [
      "a client-payload nested 5,000 deep",
      { mode: "repository", "event-type": "deploy", "client-payload": deep(5000) },
      'Input \'client-payload\': found \'{"a":{"a":',
      "allowed a JSON object nested at most 32 deep (found deeper)",
    ],
    [
      "a 70 KB client-payload",
      {
        mode: "repository",
        "event-type": "deploy",
        "client-payload": JSON.stringify({ big: "x".repeat(70_000) }),
      },
      "Input 'client-payload': found '{\"big\":\"xxxx",
      "(70010 characters)', allowed a JSON object of at most 65535 bytes serialized (found 70010)",
    ],
    [
      "a ref with a newline",
      { mode: "workflow", workflow: "cd.yml", ref: "main\nrm -rf" },
      "Input 'ref': found \"main\\nrm -rf\": ",
      "a ref name cannot contain spaces, control characters or any of ~ ^ : ? * [ \\",
    ],
  ])("refuses %s before any request", async (_, inputs, start, end) => {
    const before = sim.log.count();
    const run = await runBundle(
      "dispatch",
      { repositories: "acme/app,acme/lib", "dry-run": "false", ...inputs },
      { env: { GITHUB_API_URL: sim.url, GITHUB_TOKEN: TOKEN, FLEET_WRITE_INTERVAL_MS: "0" } },
    );
    expect(run.code).toBe(1);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toHaveLength(1);
    // Workflow commands write a newline as %0A and `%` as %25.
    const shown = errors[0]!.replaceAll("%0A", "\n").replaceAll("%25", "%");
    expect(shown).toContain(start);
    expect(shown).toContain(end);
    expect(shown.length).toBeLessThan(1000);
    expect(sim.log.count()).toBe(before);
  });
});
