import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planSelection } from "../src/actions/resolve-targets/plan.ts";
import { loadRegistry } from "../src/core/registry.ts";
import { benchRow } from "./measure.ts";
import type { Bench, BenchRow } from "./row.ts";

const kinds = ["sdk", "docs", "adk", "agent", "none"];
const filter = "kind != 'none'";

/** A registry of `count` targets over four owners of very different sizes. */
function generateRegistry(count: number): string {
  const owners = [
    { owner: "acme", share: 0.6 },
    { owner: "acme-labs", share: 0.25 },
    { owner: "acme-archive", share: 0.1 },
    { owner: "partners", share: 0.05 },
  ];
  const lines = ["owner: acme", `kinds: [${kinds.join(", ")}]`, "targets:"];
  let i = 0;
  for (const { owner, share } of owners) {
    const n = owner === "partners" ? count - i : Math.round(count * share);
    for (let j = 0; j < n; j++, i++) {
      lines.push(`  - name: repo-${i}`, `    kind: ${kinds[i % kinds.length]}`);
      if (owner !== "acme") lines.push(`    owner: ${owner}`);
      if (i % 10 === 0) lines.push("    orchestrators: { claude: { model: opus } }");
      if (i % 3 === 0) lines.push(`    meta: { team: team-${i % 12} }`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Times what the action does (read, validate, filter, shard) on one registry file. */
function measure(path: string, scenario: string): BenchRow {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const registry = loadRegistry(path);
  const loaded = performance.now();
  const selection = planSelection(registry, { filter, maxJobs: 256 });
  const done = performance.now();
  const used = process.cpuUsage(cpu);
  const shardSizes = selection.matrix.include.map((e) => e.repositories.split(",").length);
  return benchRow(
    "resolve-targets",
    { scenario, latencyMs: 0 },
    // No API: the registry is a file in the workspace.
    { minimum: 0, ours: { requests: 0, wallMs: Math.round(done - started) } },
    {
      loadMs: Math.round(loaded - started),
      planMs: Math.round(done - loaded),
      // CPU time, unlike wall time, does not grow when other processes share the machine.
      cpuMs: Math.round((used.user + used.system) / 1000),
      registered: registry.targets.length,
      selected: selection.targets.length,
      entries: selection.matrix.include.length,
      largestEntry: Math.max(0, ...shardSizes),
    },
  );
}

/** resolve-targets on the demo's repos.yaml and on a generated fleet-scale registry. */
export const resolveTargetsBench: Bench = {
  name: "resolve-targets",
  async run({ quick, log }) {
    const count = quick ? 1_000 : 10_000;
    const dir = mkdtempSync(join(tmpdir(), "fleet-bench-registry-"));
    try {
      const path = join(dir, "repos.yaml");
      writeFileSync(path, generateRegistry(count));
      const rows = [
        measure("repos.yaml", "repos.yaml"),
        measure(path, `${count} targets, 4 owners, filter ${filter}`),
      ];
      for (const r of rows) {
        log(`${r.scenario}: ${r.selected} selected in ${r.entries} entries, ${r.wallMs} ms`);
      }
      const large = rows[1]!;
      if ((large.entries as number) > 256) throw new Error("more than 256 matrix entries");
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
