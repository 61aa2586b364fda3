// `npm test`: eslint, prettier --check and tsc --noEmit, then every vitest test (arguments are
// passed on to vitest), the conformance test last: it checks the REST answers the rest of the
// suite sampled. Each of the three checks counts as one test, and a vitest run that failed
// without a failed test (a suite that did not load) counts as one failure, so the closing line
// `N passed, N failed` accounts for everything that ran.
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

// Every simulator the suite starts samples its REST answers into one directory; the
// conformance test then checks them, with the demo's, against GitHub's REST description.
const work = mkdtempSync(join(tmpdir(), "fleet-test-"));
const samples = join(work, "samples");
const CONFORMANCE = "test/conformance.test.ts";

/** One vitest run; adds its tests to the counts. A suite that failed to load counts as a failure. */
function vitest(name, args, env) {
  const report = join(work, `${name}.json`);
  const ok =
    spawnSync(
      bin("vitest"),
      ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args],
      { stdio: "inherit", env: { ...process.env, ...env } },
    ).status === 0;
  let counted = false;
  const failedBefore = failed;
  try {
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    counted = true;
  } catch (error) {
    console.log(`FAILED: vitest wrote no report (${error.message})`);
  }
  if (!ok && (!counted || failed === failedBefore)) failed++;
}

const only = process.argv.slice(2);
if (only.length > 0) vitest("selected", only, {});
else {
  vitest("suite", ["--exclude", CONFORMANCE], { FLEET_SIM_SAMPLES: samples });
  vitest("conformance", [CONFORMANCE], { FLEET_CONFORMANCE_SUITE_SAMPLES: samples });
}
// The reports and samples have been read: nothing of the run stays in the temporary folder.
rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
