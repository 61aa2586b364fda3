import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { asString, interpolate, type Contexts } from "./expressions.ts";
import { HOME_PATTERN } from "./home.ts";

// What a caller template hands its reusable workflow for a given event, evaluated with
// GitHub's expression library.

interface Workflow {
  on?: Record<string, { inputs?: Record<string, { default?: unknown }> } | null>;
  concurrency?: { group?: string } | string;
  jobs: Record<string, { uses?: string; with?: Record<string, unknown> }>;
}

const read = (path: string) => parse(readFileSync(path, "utf8")) as Workflow;

/** The contexts of a template's run. */
export interface RunContexts extends Contexts {
  github: Record<string, unknown>;
  inputs: Record<string, unknown>;
}

/** The event that started a run: its name and, for workflow_dispatch, the inputs given. */
export interface RunEvent {
  name: string;
  inputs?: Record<string, unknown>;
  runId?: number;
}

/**
 * The contexts of a run of the template at `path`: a workflow_dispatch run sees its inputs
 * with their defaults filled in; any other event sees no inputs.
 */
export function runContexts(path: string, event: RunEvent): RunContexts {
  const declared = read(path).on?.workflow_dispatch?.inputs ?? {};
  const inputs =
    event.name === "workflow_dispatch"
      ? {
          ...Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, v.default ?? ""])),
          ...event.inputs,
        }
      : {};
  return {
    github: {
      event_name: event.name,
      run_id: String(event.runId ?? 1),
      repository: "acme/control",
    },
    inputs,
    secrets: {},
    vars: {},
    // Earlier jobs' outputs are not known here; nothing a dry run depends on reads them.
    needs: {},
  };
}

/** Job `jobId`'s `with:`, evaluated for the run. */
export function callWith(path: string, jobId: string, contexts: Contexts): Record<string, unknown> {
  const job = read(path).jobs[jobId];
  if (!job) throw new Error(`${path} has no job ${jobId}`);
  return Object.fromEntries(
    Object.entries(job.with ?? {}).map(([k, v]) => [k, interpolate(v, contexts)]),
  );
}

/** The template's workflow-level concurrency group for the run, or undefined. */
export function concurrencyGroup(path: string, contexts: Contexts): string | undefined {
  const concurrency = read(path).concurrency;
  const group = typeof concurrency === "string" ? concurrency : concurrency?.group;
  return group === undefined ? undefined : asString(interpolate(group, contexts));
}

/** The jobs of a template that call one of fleet's reusable workflows, by id. */
export function reusableCalls(path: string): Record<string, string> {
  const calls: Record<string, string> = {};
  for (const [id, job] of Object.entries(read(path).jobs)) {
    const target = new RegExp(`^${HOME_PATTERN}/(\\.github/workflows/[^@]+)@`).exec(job.uses ?? "");
    if (target) calls[id] = target[1]!;
  }
  return calls;
}

/** A reusable workflow's inputs for a call: its defaults, then what the caller passed. */
export function calleeInputs(
  path: string,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const declared =
    (read(path).on?.workflow_call as { inputs?: Record<string, { default?: unknown }> } | null)
      ?.inputs ?? {};
  return {
    ...Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, v.default ?? ""])),
    ...given,
  };
}
