import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actionNames } from "./helpers/actions.ts";

// The committed bundles are what `uses:` runs; they must be exactly what the source builds.
describe("check-dist", () => {
  const out = mkdtempSync(join(tmpdir(), "fleet-dist-"));
  execFileSync(process.execPath, ["scripts/build.mjs", out]);

  it.each(actionNames())("actions/%s/dist/index.cjs is the build of its source", (name) => {
    const committed = join("actions", name, "dist", "index.cjs");
    expect(existsSync(committed), `${committed} is missing: run npm run build and commit it`).toBe(
      true,
    );
    const fresh = readFileSync(join(out, "actions", name, "dist", "index.cjs"), "utf8");
    expect(
      readFileSync(committed, "utf8") === fresh,
      `${committed} differs from a fresh build of src/actions/${name}: run npm run build and commit it`,
    ).toBe(true);
  });
});
