import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { agentOf, proposalWorld } from "../src/actions/open-pr/proposal.fixture.ts";
import { checkoutBranch } from "../src/sim/checkout.ts";
import { getRepo, startSim, type Sim } from "../src/sim/index.ts";
import { callWith, calleeInputs, runContexts } from "./helpers/caller.ts";
import { runJob } from "./helpers/run-job.ts";

// The bump-adl template through pr-fan-out.yml's `propose` job, as a runner would run it for
// one matrix entry: its `with:` evaluated for a manual run, the command in bash in the
// checkout, open-pr from its committed bundle against the simulator. The App's token action
// and actions/checkout stand in, and say which tokens were minted, in which order.

const TEMPLATE = "workflows/bump-adl.yml";
const WORKFLOW = ".github/workflows/pr-fan-out.yml";
const entry = {
  name: "agent",
  owner: "acme",
  kind: "agent",
  repository: "acme/agent",
  repositories: "acme/agent",
  names: "agent",
  orchestrators: {},
  meta: {},
};

let sim: Sim | undefined;
const folders: string[] = [];
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** One run of the job for the entry; `minted` lists each token's permissions, in order. */
async function propose(target: Sim, dispatch: Record<string, unknown>) {
  const workspace = mkdtempSync(join(tmpdir(), "fleet-propose-"));
  folders.push(workspace);
  const minted: Record<string, unknown>[] = [];
  const run = await runJob(
    WORKFLOW,
    "propose",
    {
      github: { repository: "acme/control", run_id: "9", event_name: "workflow_call" },
      inputs: calleeInputs(
        WORKFLOW,
        callWith(
          TEMPLATE,
          "bump-adl",
          runContexts(TEMPLATE, { name: "workflow_dispatch", inputs: dispatch }),
        ),
      ),
      secrets: { "app-id": "Iv1.123", "app-private-key": "-----BEGIN RSA PRIVATE KEY-----" },
      matrix: entry,
      needs: { targets: { outputs: { count: "1" } } },
      vars: {},
    },
    {
      workspace,
      standIns: {
        "actions/create-github-app-token": (given) => {
          minted.push(
            Object.fromEntries(Object.entries(given).filter(([k]) => k.startsWith("permission-"))),
          );
          return { token: target.token };
        },
        "actions/checkout": (given) => {
          const [owner = "", name = ""] = String(given.repository).split("/");
          checkoutBranch(getRepo(target.state, owner, name)!, workspace, {
            branch: String(given.ref ?? ""),
            folder: String(given.path),
          });
          return {};
        },
      },
      env: {
        GITHUB_REPOSITORY: "acme/control",
        GITHUB_WORKSPACE: workspace,
        GITHUB_API_URL: target.url,
        FLEET_WRITE_INTERVAL_MS: "0",
        FLEET_RETRY_UNIT_MS: "5",
      },
    },
  );
  const values = readFileSync(join(workspace, "fleet-values"), "utf8");
  return { run, minted, values };
}

describe("pr-fan-out.yml, job propose, called by the bump-adl template", () => {
  it("previews with read-only tokens, then opens the PR with a token minted after the command, then changes nothing", async () => {
    const state = proposalWorld();
    sim = await startSim(state);
    const preview = await propose(sim, { adl_version: "0.10.0" });
    expect(preview.run.conclusion, preview.run.log).toBe("success");
    expect(preview.values).toBe("to=0.10.0\nfrom=0.9.3\n");
    expect(preview.minted).toEqual([
      { "permission-contents": "read" },
      { "permission-contents": "read", "permission-pull-requests": "read" },
    ]);
    expect(sim.log.mutations()).toEqual([]);

    const real = await propose(sim, { adl_version: "0.10.0", dry_run: false });
    expect(real.run.conclusion, real.run.log).toBe("success");
    // The write token is minted after the command has run, never before.
    const names = real.run.steps.filter((s) => s.outcome !== "skipped").map((s) => s.name);
    expect(names).toEqual([
      "Mint a read-only token for the checkout",
      "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8",
      "Run the command",
      "Mint the token for open-pr",
      "Propose the change",
    ]);
    expect(real.minted[1]).toEqual({
      "permission-contents": "write",
      "permission-pull-requests": "write",
    });
    const pr = agentOf(state).issues.find((i) => i.is_pull_request)!;
    expect(pr).toMatchObject({
      title: "chore(deps): bump adl 0.9.3 -> 0.10.0",
      labels: ["dependencies"],
    });
    expect(pr.pull?.head).toBe("fleet/bump-adl");

    sim.log.clear();
    const again = await propose(sim, { adl_version: "0.10.0", dry_run: false });
    expect(again.run.conclusion, again.run.log).toBe("success");
    expect(sim.log.mutations()).toEqual([]);
  });

  it("fails the job on a version that is not one, before any token can write", async () => {
    sim = await startSim(proposalWorld());
    const bad = await propose(sim, { adl_version: "$(rm -rf /)", dry_run: false });
    expect(bad.run.conclusion).toBe("failure");
    expect(bad.run.log).toContain("::error::adl_version: found no version such as 0.10.0");
    expect(bad.minted).toEqual([{ "permission-contents": "read" }]);
    expect(sim.log.mutations()).toEqual([]);
  });
});
