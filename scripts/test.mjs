// `npm test`: eslint, prettier --check and tsc --noEmit, then every vitest test (arguments are
// passed on to vitest). Each of the three checks counts as one test, and a vitest run that
// failed without a failed test (a suite that did not load) counts as one failure, so the
// closing line `N passed, N failed` accounts for everything that ran.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = (name) => join("node_modules", ".bin", name);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit" }).status === 0;

let passed = 0;
let failed = 0;
const check = (label, ok) => {
  console.log(`${ok ? "ok" : "FAILED"}: ${label}`);
  if (ok) passed++;
  else failed++;
};

check("eslint", run(bin("eslint"), ["."]));
check("prettier --check", run(bin("prettier"), ["--check", "."]));
check("tsc --noEmit", run(bin("tsc"), ["--noEmit"]));

const reportDir = mkdtempSync(join(tmpdir(), "fleet-test-"));
const report = join(reportDir, "vitest.json");
const vitestOk = run(bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
let counted = false;
try {
  const r = JSON.parse(readFileSync(report, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  counted = true;
} catch (error) {
  console.log(`FAILED: vitest wrote no report (${error.message})`);
} finally {
  rmSync(reportDir, { recursive: true, force: true });
}
// A suite that failed to load has no failed tests but is a failure all the same.
if (!vitestOk && (!counted || failed === 0)) failed++;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
