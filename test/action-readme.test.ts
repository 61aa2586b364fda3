import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error: a plain .mjs script without types; its two functions are exercised here.
import { refresh } from "../scripts/readme-tables.mjs";
import { actionNames } from "./helpers/actions.ts";

// The README tables are generated from action.yml so they cannot drift from what the runner reads.
describe.each(actionNames())("actions/%s/README.md", (name) => {
  const readme = join("actions", name, "README.md");

  it("exists with generated inputs and outputs tables that match action.yml", () => {
    expect(existsSync(readme), `${readme} is missing`).toBe(true);
    const text = readFileSync(readme, "utf8");
    expect(text).toContain("<!-- inputs -->");
    expect(text).toContain("<!-- outputs -->");
    const manifest = parse(readFileSync(join("actions", name, "action.yml"), "utf8"));
    expect(refresh(text, manifest), "run node scripts/readme-tables.mjs").toBe(text);
  });
});
