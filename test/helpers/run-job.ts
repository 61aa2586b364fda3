import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { parseOutputFile, runBundle } from "../../src/demo/spawn-bundle.ts";
import { asString, condition, interpolate, type Contexts, type JobStatus } from "./expressions.ts";
import { HOME_PATTERN } from "./home.ts";

// Runs one job of fleet's workflows on this machine, the way a runner would: `if:`, `env:` and
// `with:` evaluated with GitHub's expression library, `run:` steps in bash with the runner's
// flags, fleet's own actions from their committed bundles. Third-party actions cannot run
// here: each test says what stands in for them.

interface Step {
  id?: string;
  name?: string;
  if?: unknown;
  env?: Record<string, unknown>;
  run?: string;
  /** Where a `run:` step runs, relative to the workspace. */
  "working-directory"?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps?: Step[];
}

/** What a third-party action's stand-in returns: its outputs, or `false` for a failure. */
export type StandIn = (inputs: Record<string, unknown>) => Record<string, string> | false;

export interface StepRun {
  name: string;
  outcome: "success" | "failure" | "skipped";
  log: string;
}

export interface JobRun {
  conclusion: JobStatus;
  steps: StepRun[];
  outputs: Record<string, string>;
  /** Every line the steps printed, in order. */
  log: string;
}

export interface JobOptions {
  /** The checked-out workspace: the working directory of every step. */
  workspace: string;
  /** Stand-ins for third-party actions, by `uses:` without the `@ref`. */
  standIns?: Record<string, StandIn>;
  /** Variables every step sees, as the runner's GITHUB_* ones. */
  env?: Record<string, string>;
}

const firstParty = new RegExp(`^${HOME_PATTERN}/actions/([\\w-]+)@`);

/** The inputs an action gets: its manifest's defaults, then the step's `with:`. */
function actionInputs(
  name: string,
  given: Record<string, unknown>,
  contexts: Contexts,
): Record<string, string> {
  const manifest = parse(readFileSync(join("actions", name, "action.yml"), "utf8")) as {
    inputs?: Record<string, { default?: unknown }>;
  };
  const inputs: Record<string, string> = {};
  for (const [key, spec] of Object.entries(manifest.inputs ?? {})) {
    if (spec.default !== undefined) inputs[key] = asString(interpolate(spec.default, contexts));
  }
  for (const [key, value] of Object.entries(given)) inputs[key] = asString(value);
  return inputs;
}

/** A `run:` script with the runner's default shell for Linux: `bash -e -o pipefail`. */
async function runScript(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; log: string; outputs: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), "fleet-step-"));
  const file = join(dir, "step.sh");
  const outputFile = join(dir, "output");
  writeFileSync(file, script);
  writeFileSync(outputFile, "");
  const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], {
    cwd,
    env: { PATH: process.env.PATH, ...env, GITHUB_OUTPUT: outputFile },
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const code = await new Promise<number>((done) => child.on("close", (c) => done(c ?? 1)));
  return { code, log, outputs: parseOutputFile(readFileSync(outputFile, "utf8")) };
}

/** Runs job `jobId` of the workflow at `path` with the given contexts. */
export async function runJob(
  path: string,
  jobId: string,
  contexts: Contexts,
  options: JobOptions,
): Promise<JobRun> {
  const workflow = parse(readFileSync(path, "utf8")) as { jobs: Record<string, Job> };
  const job = workflow.jobs[jobId];
  if (!job) throw new Error(`${path} has no job ${jobId}`);
  const jobEnv = Object.fromEntries(
    Object.entries(job.env ?? {}).map(([k, v]) => [k, asString(interpolate(v, contexts))]),
  );
  const steps: Record<string, { outcome: string; outputs: Record<string, string> }> = {};
  const runs: StepRun[] = [];
  let status: JobStatus = "success";
  for (const [index, step] of (job.steps ?? []).entries()) {
    const name = step.name ?? step.uses ?? `step ${index + 1}`;
    const scope: Contexts = { ...contexts, env: jobEnv, steps, job: { status } };
    let outcome: StepRun["outcome"] = "skipped";
    let log = "";
    let outputs: Record<string, string> = {};
    if (condition(step.if, scope, status)) {
      const env: Record<string, string> = { ...options.env, ...jobEnv };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = asString(interpolate(v, scope));
      const given = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, scope)]),
      );
      const action = firstParty.exec(step.uses ?? "");
      if (step.run !== undefined) {
        const cwd = join(
          options.workspace,
          asString(interpolate(step["working-directory"] ?? "", scope)),
        );
        const result = await runScript(step.run, env, cwd);
        [outcome, log, outputs] = [
          result.code === 0 ? "success" : "failure",
          result.log,
          result.outputs,
        ];
      } else if (action) {
        const result = await runBundle(action[1]!, actionInputs(action[1]!, given, scope), {
          cwd: options.workspace,
          env: { ...env, GITHUB_WORKSPACE: options.workspace },
        });
        [outcome, log, outputs] = [
          result.code === 0 ? "success" : "failure",
          result.stdout,
          result.outputs,
        ];
      } else {
        const uses = (step.uses ?? "").replace(/@.*$/, "");
        const standIn = options.standIns?.[uses];
        if (!standIn) throw new Error(`${path} job ${jobId}: no stand-in for ${uses}`);
        const result = standIn(given);
        [outcome, outputs] = result === false ? ["failure", {}] : ["success", result];
      }
      if (outcome === "failure") status = "failure";
    }
    if (step.id) steps[step.id] = { outcome, outputs };
    runs.push({ name, outcome, log });
  }
  const scope: Contexts = { ...contexts, steps, job: { status } };
  return {
    conclusion: status,
    steps: runs,
    outputs: Object.fromEntries(
      Object.entries(job.outputs ?? {}).map(([k, v]) => [k, asString(interpolate(v, scope))]),
    ),
    log: runs.map((r) => r.log).join(""),
  };
}
