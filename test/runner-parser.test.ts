import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actionErrors, workflowErrors } from "./helpers/runner-parser.ts";

// Every manifest and workflow as GitHub itself loads it. actionlint checks workflows, not
// action manifests: a `${{ }}` in an action's description passes every linter and still makes
// each job that uses the action die at "Set up job".

const manifests = readdirSync("actions")
  .map((name) => join("actions", name, "action.yml"))
  .sort();
const workflows = [join(".github", "workflows"), "workflows"]
  .flatMap((dir) => readdirSync(dir).map((f) => join(dir, f)))
  .filter((path) => path.endsWith(".yml"))
  .sort();

describe("GitHub's workflow parser", () => {
  it("has manifests and workflows to load", () => {
    expect(manifests.length).toBeGreaterThanOrEqual(7);
    expect(workflows.length).toBeGreaterThanOrEqual(15);
  });

  it.each(manifests)("loads %s", (path) => {
    expect(actionErrors(path, readFileSync(path, "utf8"))).toEqual([]);
  });

  it.each(workflows)("loads %s and the reusable workflow it calls", async (path) => {
    expect(await workflowErrors(path, readFileSync(path, "utf8"))).toEqual([]);
  });
});

// The checks above must be able to fail.
describe("the runner-parser checks", () => {
  it("catch an expression in an action's description", () => {
    const manifest = readFileSync(join("actions", "stale-sweep", "action.yml"), "utf8").replace(
      /^description: .*$/m,
      "description: Sweeps the repository; pass `${{ }}` around an expression.",
    );
    expect(actionErrors("broken/action.yml", manifest)).toEqual([
      expect.stringMatching(
        /^broken\/action\.yml \(Line: 2, Col: \d+\): An expression was expected/,
      ),
    ]);
  });

  it("catch an action that does not run on node24", () => {
    const manifest = readFileSync(join("actions", "dispatch", "action.yml"), "utf8").replace(
      "using: node24",
      "using: node20",
    );
    expect(actionErrors("old/action.yml", manifest)).toEqual([
      "old/action.yml: runs.using is node20",
    ]);
  });

  it("catch a caller that passes an input or a secret its reusable workflow does not declare", async () => {
    const caller = readFileSync(join("workflows", "stale.yml"), "utf8")
      .replace("      repository: ${{ inputs.repository }}\n", "      days_stale: 3\n")
      .replace("    secrets:\n", "    secrets:\n      token: ${{ secrets.FLEET_TOKEN }}\n");
    const errors = await workflowErrors("caller.yml", caller);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "Invalid input, days_stale is not defined in the referenced workflow.",
        ),
        expect.stringContaining("Invalid secret, token is not defined in the referenced workflow."),
      ]),
    );
  });

  it("catch a required input the caller leaves out", async () => {
    const caller = readFileSync(join("workflows", "backfill-roadmap.yml"), "utf8").replace(
      /^\s+project_number: .*\n/m,
      "\n",
    );
    expect(await workflowErrors("caller.yml", caller)).toEqual([
      expect.stringContaining("Input project_number is required, but not provided while calling."),
    ]);
  });
});
