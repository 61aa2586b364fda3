import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSim } from "../sim/index.ts";
import { demoScenario } from "../sim/scenario/demo.ts";
import { runBundle, type BundleRun } from "./spawn-bundle.ts";
import type { DemoStep } from "./step.ts";
import { withoutLoopbackLinks } from "./without-loopback-links.ts";
import { runPrFanOut } from "./pr-fan-out.ts";
import { demoSteps } from "./steps/index.ts";

interface Row {
  repository: string;
  status: string;
  planned: number;
  done: number;
  left: number;
}

/**
 * A run's rows as a terminal table, headed by what the rows are; a dry run's say what a real
 * run would do.
 */
function table(rows: Row[], what: string, dryRun: boolean): string {
  const head = [
    what,
    "status",
    "planned",
    ...(dryRun ? ["would do", "would leave"] : ["done", "left"]),
  ];
  const cells = rows.map((r) => [
    r.repository,
    r.status,
    String(r.planned),
    String(r.done),
    String(r.left),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => "  " + c.map((x, i) => x.padEnd(widths[i]!)).join("  ");
  return [line(head), ...cells.map(line)].join("\n");
}

function rows(run: BundleRun): Row[] {
  return run.outputs.result ? (JSON.parse(run.outputs.result) as Row[]) : [];
}

/**
 * `npm run demo`: every action against the simulator, as a runner would run it (the committed
 * bundles, INPUT_* variables, GITHUB_API_URL), first as a dry run and then for real.
 */
export async function runDemo(o: {
  registry: string;
  outDir: string;
  write: (line: string) => void;
  /** The runner's GITHUB_SERVER_URL (an Enterprise Server host); the simulator's own URL unless given. */
  serverUrl?: string;
}) {
  const { write } = o;
  const sim = await startSim(await demoScenario({ registry: o.registry, now: Date.now() }));
  mkdirSync(o.outDir, { recursive: true });
  const env = {
    GITHUB_API_URL: sim.url,
    GITHUB_TOKEN: sim.token,
    GITHUB_REPOSITORY: "acme/control",
    // Links are built on the server the actions were pointed at: the simulator, unless a
    // runner's server is given. The simulator stops with the demo, so the summaries written
    // below keep the text of its links and drop the links themselves.
    GITHUB_SERVER_URL: o.serverUrl ?? sim.url,
    // The simulator has no secondary limits to respect by default: no need for GitHub's pace.
    FLEET_WRITE_INTERVAL_MS: "0",
    FLEET_RETRY_UNIT_MS: "10",
  };
  const failures: string[] = [];
  const bundle = async (
    action: string,
    inputs: Record<string, string>,
    label: string,
    extraEnv: NodeJS.ProcessEnv = {},
  ) => {
    const run = await runBundle(action, inputs, { env: { ...env, ...extraEnv } });
    writeFileSync(join(o.outDir, `${action}-${label}.md`), withoutLoopbackLinks(run.summary));
    if (run.code !== 0) {
      failures.push(`${action} (${label}) exited ${run.code}`);
      write(
        run.stdout
          .split("\n")
          .filter((l) => l.startsWith("::error::"))
          .join("\n"),
      );
    }
    return run;
  };
  try {
    const targets = await bundle(
      "resolve-targets",
      { registry: o.registry, filter: "true" },
      "all",
    );
    write(`resolve-targets: ${targets.outputs.count ?? "?"} targets from ${o.registry}`);
    for (const step of demoSteps) await runStep(step, sim, bundle, o.registry, write);
    const agents = await bundle(
      "resolve-targets",
      { registry: o.registry, filter: "kind == 'agent'" },
      "targets-open-pr",
    );
    const repositories = (agents.outputs.repositories ?? "").split(",").filter(Boolean);
    await runPrFanOut(sim.state, repositories, bundle, () => sim.log.mutations().length, write);
  } finally {
    await sim.close();
  }
  const unlinked = o.serverUrl ? "" : " (links left out: the simulator they point at has stopped)";
  write(`\nsummaries written under ${o.outDir}/${unlinked}`);
  if (failures.length > 0) throw new Error(`demo failed: ${failures.join("; ")}`);
}

async function runStep(
  step: DemoStep,
  sim: Awaited<ReturnType<typeof startSim>>,
  bundle: (action: string, inputs: Record<string, string>, label: string) => Promise<BundleRun>,
  registry: string,
  write: (line: string) => void,
) {
  const filter = step.filter ?? "true";
  const name = step.variant ? `${step.action}-${step.variant}` : step.action;
  const targets = await bundle("resolve-targets", { registry, filter }, `targets-${name}`);
  const repositories = targets.outputs.repositories ?? "";
  await step.prepare?.(sim);
  try {
    const inputs = step.inputs({ repositories, sim });
    const mutations = () => step.mutations?.(sim) ?? sim.log.mutations().length;
    const mutationsBefore = mutations();
    if (step.previews !== false) {
      const preview = await bundle(
        step.action,
        { ...inputs, "dry-run": "true" },
        `${step.variant ? `${step.variant}-` : ""}dry-run`,
      );
      const mutated = mutations() - mutationsBefore;
      write(`\n${name} (dry run, ${mutated} mutating requests, filter: ${filter})`);
      write(table(rows(preview), step.rows ?? "repository", true));
    }
    const real = await bundle(
      step.action,
      { ...inputs, "dry-run": "false" },
      `${step.variant ? `${step.variant}-` : ""}real`,
    );
    write(`\n${name} (for real)`);
    write(table(rows(real), step.rows ?? "repository", false));
  } finally {
    await step.cleanup?.();
  }
}
