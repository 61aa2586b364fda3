import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error: a plain .mjs script without types.
import { refreshWorkflowTables } from "../scripts/workflow-tables.mjs";

// The README's workflow reference is generated from the workflows, so what an adopter reads
// is what the workflows take: every input with its default, every secret, every permission.

const refresh = refreshWorkflowTables as (readme: string) => string;
const readme = readFileSync("README.md", "utf8");
const reference = /<!-- workflows -->([\s\S]*?)<!-- \/workflows -->/.exec(readme)?.[1] ?? "";
const yml = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".yml"))
    .map((f) => join(dir, f));

describe("README.md's workflow reference", () => {
  it("matches the workflows (npm run tables)", () => {
    expect(reference).not.toBe("");
    expect(refresh(readme)).toBe(readme);
  });

  it("is regenerated when a workflow changes", () => {
    const stale = readme.replace(
      /\| `max_parallel` \| number \| `2` \|/,
      "| `max_parallel` | number | `9` |",
    );
    expect(stale).not.toBe(readme);
    expect(refresh(stale)).toBe(readme);
  });

  it.each(yml("workflows"))("names every secret %s reads", (path) => {
    const secrets = [...readFileSync(path, "utf8").matchAll(/secrets\.([\w-]+)/g)].map(
      (m) => m[1]!,
    );
    for (const secret of secrets) expect(reference).toContain(`| \`${secret}\` |`);
  });

  it.each(yml(join(".github", "workflows")))("lists every input and secret of %s", (path) => {
    const call = (
      parse(readFileSync(path, "utf8")) as {
        on: { workflow_call: { inputs?: object; secrets?: object } };
      }
    ).on.workflow_call;
    for (const name of [...Object.keys(call.inputs ?? {}), ...Object.keys(call.secrets ?? {})]) {
      expect(reference).toContain(`| \`${name}\` |`);
    }
  });

  it("names the App permissions each fan-out mints its tokens with", () => {
    expect(reference).toContain("- App permissions, per matrix entry: `issues: write`");
    expect(reference).toContain(
      "- App permissions, per matrix entry: `issues: read`, `organization-projects: write`",
    );
    expect(reference).toContain(
      "- App permissions, per matrix entry: `contents: write`, `actions: write`",
    );
  });
});
