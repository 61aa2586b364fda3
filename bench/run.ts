import { writeFileSync } from "node:fs";
import { benches } from "./index.ts";
import type { BenchRow } from "./row.ts";

// `npm run bench [-- --quick] [-- --only name]`: writes bench/results.json, prints a markdown table.
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args[onlyAt + 1]?.split(",") : undefined;

const fmt = (n: number | undefined) =>
  n === undefined ? "" : Number.isInteger(n) ? String(n) : n.toFixed(2);
// A figure read from an alternative's source, not run, has no wall time to compare with.
const times = (a: number, b: number) => (a === 0 || b === 0 ? "" : `${(b / a).toFixed(1)}x`);

const rows: BenchRow[] = [];
for (const bench of benches.filter((b) => !only || only.includes(b.name))) {
  const started = Date.now();
  process.stderr.write(`bench ${bench.name}${quick ? " (quick)" : ""}...\n`);
  rows.push(...(await bench.run({ quick, log: (line) => process.stderr.write(`  ${line}\n`) })));
  process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
writeFileSync("bench/results.json", `${JSON.stringify(rows, null, 2)}\n`);

const head = [
  "action",
  "scenario",
  "latency ms",
  "requests",
  "minimum",
  "ratio",
  "wall ms",
  "naive requests",
  "naive wall ms",
  "fewer requests",
  "faster",
];
console.log(`| ${head.join(" | ")} |\n| ${head.map(() => "---").join(" | ")} |`);
for (const r of rows) {
  const cells = [
    r.action,
    r.scenario,
    fmt(r.latencyMs),
    fmt(r.requests),
    fmt(r.minimum),
    fmt(r.ratio),
    fmt(r.wallMs),
    fmt(r.naive?.requests),
    fmt(r.naive?.wallMs),
    r.naive ? times(r.requests, r.naive.requests) : "",
    r.naive ? times(r.wallMs, r.naive.wallMs) : "",
  ];
  console.log(`| ${cells.join(" | ")} |`);
}
const tableFields = new Set([
  "action",
  "scenario",
  "latencyMs",
  "requests",
  "minimum",
  "ratio",
  "wallMs",
  "naive",
]);
for (const r of rows) {
  const more = Object.entries(r).filter(([k]) => !tableFields.has(k));
  const naiveMore = Object.entries(r.naive ?? {}).filter(
    ([k]) => k !== "requests" && k !== "wallMs",
  );
  const figures = [...more, ...naiveMore.map(([k, v]) => [`naive.${k}`, v] as const)];
  if (figures.length > 0) {
    console.log(
      `\n${r.action} / ${r.scenario}: ${figures.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")}`,
    );
  }
}
