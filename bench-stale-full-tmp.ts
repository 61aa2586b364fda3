import { staleSweepBench } from "./bench/stale-sweep.ts";
const quick = process.argv.includes("--quick");
const t = Date.now();
const rows = await staleSweepBench.run({ quick, log: (l) => console.error(l) });
console.log(JSON.stringify(rows, null, 1));
console.error(`took ${Date.now() - t} ms`);
