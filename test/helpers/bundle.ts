import { expect } from "vitest";
import type { BundleRun } from "../../src/demo/spawn-bundle.ts";

export { parseOutputFile, runBundle, type BundleRun } from "../../src/demo/spawn-bundle.ts";

/**
 * The runner was told to mask `token` (`::add-mask::`), and the token shows nowhere else: not
 * in any other line, stderr, the job summary or an output.
 */
export function expectTokenMasked(run: BundleRun, token: string): void {
  const mask = `::add-mask::${token}`;
  expect(run.stdout.split("\n")).toContain(mask);
  const shown = run.stdout.replaceAll(mask, "");
  for (const [where, text] of Object.entries({
    stdout: shown,
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
  })) {
    expect(text, `token in ${where}`).not.toContain(token);
  }
}
