import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * vitest global setup: every test file (and every process a test spawns) writes its temporary
 * files into one folder of this run, removed when the run ends, whatever each test cleaned up.
 * Workers and their children inherit TMPDIR, and `os.tmpdir()` reads it on every call.
 */
export function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "fleet-vitest-"));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
