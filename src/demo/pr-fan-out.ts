import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { checkoutBranch } from "../sim/checkout.ts";
import { getRepo, type SimState } from "../sim/state.ts";
import type { BundleRun } from "./spawn-bundle.ts";

/** The ADL CLI version the demo's bump moves every agent to. */
export const DEMO_ADL_VERSION = "0.10.0";

type Bundle = (
  action: string,
  inputs: Record<string, string>,
  label: string,
  extraEnv?: NodeJS.ProcessEnv,
) => Promise<BundleRun>;

/**
 * The command of the bump-adl template, in the demo's words: write the new pin, and tell the
 * title what moved (nothing, for an agent already there).
 */
function bump(dir: string, valuesFile: string): void {
  const pin = join(dir, ".adl-version");
  const from = readFileSync(pin, "utf8").trim();
  writeFileSync(pin, `${DEMO_ADL_VERSION}\n`);
  writeFileSync(
    valuesFile,
    from === DEMO_ADL_VERSION ? "" : `from=${from}\nto=${DEMO_ADL_VERSION}\n`,
  );
}

/**
 * The PR fan-out as pr-fan-out.yml runs it over the agents: per target a checkout, the bump,
 * then open-pr, first as a dry run (the diff in the summary), then for real, then again to
 * show a rerun changes nothing. Each target's three runs are one row.
 */
export async function runPrFanOut(
  state: SimState,
  repositories: string[],
  bundle: Bundle,
  mutations: () => number,
  write: (line: string) => void,
): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), "fleet-demo-workspace-"));
  const rows: string[][] = [];
  let rerunMutations = 0;
  try {
    for (const repository of repositories) {
      const [owner = "", name = ""] = repository.split("/");
      const repo = getRepo(state, owner, name);
      if (!repo) throw new Error(`the demo has no repository ${repository}`);
      const dir = checkoutBranch(repo, workspace);
      const values = join(dir, "..", `${name}.values`);
      bump(dir, values);
      const inputs = {
        repository,
        path: relative(workspace, dir),
        "change-id": "bump-adl",
        title: "chore(deps): bump adl {{ values.from }} -> {{ values.to }}",
        "fallback-title": `chore(deps): bump adl to ${DEMO_ADL_VERSION}`,
        "values-file": relative(workspace, values),
        labels: "dependencies",
      };
      const env = { GITHUB_WORKSPACE: workspace };
      const preview = await bundle(
        "open-pr",
        { ...inputs, "dry-run": "true" },
        `${name}-dry-run`,
        env,
      );
      const real = await bundle("open-pr", { ...inputs, "dry-run": "false" }, `${name}-real`, env);
      const before = mutations();
      const rerun = await bundle(
        "open-pr",
        { ...inputs, "dry-run": "false" },
        `${name}-rerun`,
        env,
      );
      rerunMutations += mutations() - before;
      const pr = real.outputs["pull-request-number"];
      rows.push([
        repository,
        preview.outputs.operation ?? "?",
        real.outputs.operation ?? "?",
        pr ? `#${pr}` : "",
        rerun.outputs.operation ?? "?",
      ]);
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  const head = ["repository", "dry run would", "real run", "pull request", "rerun"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]) => "  " + c.map((x, i) => x.padEnd(widths[i]!)).join("  ");
  write(`\nopen-pr: bump adl to ${DEMO_ADL_VERSION} (pr-fan-out, filter: kind == 'agent')`);
  write([line(head), ...rows.map(line)].join("\n"));
  write(`  reruns: ${rerunMutations} mutating requests`);
}
