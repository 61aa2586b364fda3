import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types.
import { refreshReadmes } from "../scripts/readme-tables.mjs";

interface Refreshed {
  stale?: string[];
  problem?: string;
}
const refreshIn = refreshReadmes as (args: string[], root: string) => Refreshed;

const STALE =
  "# x\n<!-- inputs -->\nold\n<!-- /inputs -->\n<!-- outputs -->\nold\n<!-- /outputs -->\n";

/** A tree with two actions whose README tables are both out of date. */
function tree(): { root: string; readme: (name: string) => string } {
  const root = mkdtempSync(join(tmpdir(), "fleet-readme-"));
  for (const name of ["alpha", "beta"]) {
    mkdirSync(join(root, "actions", name), { recursive: true });
    writeFileSync(
      join(root, "actions", name, "action.yml"),
      `name: ${name}\ninputs:\n  token:\n    description: The token\n    required: true\noutputs:\n  count:\n    description: How many\n`,
    );
    writeFileSync(join(root, "actions", name, "README.md"), STALE);
  }
  return { root, readme: (name) => readFileSync(join(root, "actions", name, "README.md"), "utf8") };
}

describe("scripts/readme-tables.mjs", () => {
  it("refreshes only the actions it is given", () => {
    const t = tree();
    expect(refreshIn(["beta"], t.root)).toEqual({ stale: [join("actions", "beta", "README.md")] });
    expect(t.readme("alpha")).toBe(STALE);
    expect(t.readme("beta")).toContain("| `token` | yes |  | The token |");
    expect(t.readme("beta")).toContain("| `count` | How many |");
  });

  it("refreshes every action when none is named, and --check writes nothing", () => {
    const t = tree();
    expect(refreshIn(["--check"], t.root).stale).toEqual([
      join("actions", "alpha", "README.md"),
      join("actions", "beta", "README.md"),
    ]);
    expect(t.readme("alpha")).toBe(STALE);
    expect(refreshIn([], t.root).stale).toHaveLength(2);
    expect(refreshIn(["--check"], t.root).stale).toEqual([]);
  });

  it("names an unknown action or option and what is allowed, writing nothing", () => {
    const t = tree();
    expect(refreshIn(["beta", "gamma"], t.root)).toEqual({
      problem:
        "found 'gamma', not an action with an action.yml and a README.md; allowed alpha, beta",
    });
    expect(refreshIn(["--chek"], t.root)).toEqual({
      problem: "unknown option --chek; allowed --check and action names",
    });
    expect(t.readme("beta")).toBe(STALE);
  });
});
