import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runBundle } from "../src/demo/spawn-bundle.ts";
import { setup } from "./setup/own-tmpdir.ts";

describe("temporary files", () => {
  it("a test run writes them into a folder of its own", () => {
    expect(basename(tmpdir())).toMatch(/^fleet-vitest-/);
  });

  it("that folder goes, with whatever a test left in it, when the run ends", () => {
    const before = process.env.TMPDIR;
    const teardown = setup();
    const dir = tmpdir();
    expect(dir).not.toBe(before);
    writeFileSync(join(mkdtempSync(join(dir, "left-")), "behind"), "x");
    teardown();
    expect(existsSync(dir)).toBe(false);
    expect(process.env.TMPDIR).toBe(before);
  });

  it("a bundle run (the demo makes one per action and mode) leaves nothing behind", async () => {
    const before = process.env.TMPDIR;
    const empty = mkdtempSync(join(tmpdir(), "bundle-"));
    process.env.TMPDIR = empty;
    try {
      const run = await runBundle(
        "resolve-targets",
        { filter: "kind == 'sdk'" },
        {
          cwd: resolve(import.meta.dirname, ".."),
        },
      );
      expect(run.code).toBe(0);
      expect(run.outputs.count).toMatch(/^[1-9]\d*$/);
    } finally {
      process.env.TMPDIR = before;
    }
    expect(readdirSync(empty)).toEqual([]);
  });
});
