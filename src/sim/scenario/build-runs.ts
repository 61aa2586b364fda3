import { weighted, type Random } from "../prng.ts";
import {
  addRun,
  addWorkflow,
  iso,
  type SimConclusion,
  type SimRepo,
  type SimRun,
  type SimState,
  type SimWorkflow,
} from "../state.ts";
import { HUMANS } from "./build-issues.ts";
import { between, DAY, pick } from "./sample.ts";
import type { WorkflowSpec } from "./spec.ts";

interface PlannedRun {
  workflow: SimWorkflow;
  created: number;
  status: SimRun["status"];
  conclusion: SimConclusion | null;
  /** Generation order, to break ties between equal timestamps deterministically. */
  seq: number;
}

/** Bot workflows that guard on a trigger phrase are skipped on every comment event. */
const skippedEvents = ["issue_comment", "issues"];
const otherEvents = ["push", "push", "pull_request", "schedule"];
const ACTIVE_WINDOW_MS = 30 * 60_000;

/**
 * Adds a repository's workflows and their runs: completed runs over each workflow's age range
 * with its conclusion mix, and its newest `active` runs still queued or in progress. Runs are
 * added across workflows in ascending creation time, as the state requires.
 */
export function buildWorkflows(
  state: SimState,
  repo: SimRepo,
  specs: WorkflowSpec[],
  context: { random: Random; now: number },
): void {
  const { random, now } = context;
  const planned: PlannedRun[] = [];
  for (const spec of specs) {
    const workflow = addWorkflow(state, repo, {
      name: spec.name ?? spec.file.replace(/\.ya?ml$/, ""),
      file: spec.file,
      state: spec.state,
      created_at: iso(now - (spec.ageDays[1] + 1) * DAY),
      dispatchInputs: spec.dispatch === false ? null : spec.dispatch === true ? {} : spec.dispatch,
    });
    for (let k = 0; k < spec.runs - spec.active; k++) {
      planned.push({
        workflow,
        created: now - between(random, spec.ageDays) * DAY,
        status: "completed",
        conclusion: weighted(random, spec.conclusions),
        seq: planned.length,
      });
    }
    for (let k = 0; k < spec.active; k++) {
      planned.push({
        workflow,
        created: now - random() * ACTIVE_WINDOW_MS,
        status: k % 2 === 0 ? "in_progress" : "queued",
        conclusion: null,
        seq: planned.length,
      });
    }
  }
  // Whole seconds first, so the order matches the timestamps the API shows.
  for (const run of planned) run.created = Math.floor(run.created / 1000) * 1000;
  planned.sort((a, b) => a.created - b.created || a.seq - b.seq);
  for (const run of planned) {
    const skipped = run.conclusion === "skipped";
    const duration = skipped ? 2_000 : 30_000 + random() * 870_000;
    addRun(state, repo, {
      workflow: run.workflow,
      status: run.status,
      conclusion: run.conclusion,
      event: pick(random, skipped ? skippedEvents : otherEvents),
      actor: pick(random, HUMANS),
      created_at: iso(run.created),
      updated_at: iso(
        run.status === "completed" ? Math.min(now, run.created + duration) : run.created,
      ),
    });
  }
}
