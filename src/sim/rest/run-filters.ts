import { RUN_CONCLUSIONS } from "../../core/run-conclusions.ts";
import type { SimRun } from "../state.ts";
import { validationFailed, type RestContext } from "./http.ts";
import { inRange, parseDateRange } from "./date-range.ts";

/** GitHub's documented cap: filtered run listings return at most this many results. */
export const FILTERED_RUNS_CAP = 1000;

/** The query parameters that turn the runs listing into a search, and so cap it. */
export const CAPPING_FILTERS = [
  "actor",
  "branch",
  "event",
  "status",
  "created",
  "head_sha",
  "check_suite_id",
] as const;

/** What `status=` accepts: a status, or a conclusion (GitHub's list leaves out startup_failure). */
const STATUSES = new Set<string>([
  "completed",
  "in_progress",
  "queued",
  "requested",
  "waiting",
  "pending",
  ...RUN_CONCLUSIONS.filter((c) => c !== "startup_failure"),
]);

/** A predicate over runs from the request's filters, and whether any capping filter was used. */
export function runFilter(ctx: RestContext): { test: (r: SimRun) => boolean; capped: boolean } {
  const q = ctx.query;
  const get = (name: string) => {
    const v = q.get(name);
    return v === null || v === "" ? undefined : v;
  };
  const actor = get("actor")?.toLowerCase();
  const branch = get("branch");
  const event = get("event");
  const status = get("status");
  const headSha = get("head_sha");
  const suite = get("check_suite_id");
  const createdRaw = get("created");
  if (status !== undefined && !STATUSES.has(status))
    throw invalid("status", status, [...STATUSES].join(", "));
  const created = createdRaw === undefined ? undefined : parseDateRange(createdRaw);
  if (createdRaw !== undefined && created === undefined)
    throw invalid(
      "created",
      createdRaw,
      "a date or range in search syntax, such as >=2026-01-01 or 2026-01-01..2026-01-31",
    );
  const capped = CAPPING_FILTERS.some((name) => get(name) !== undefined);
  const test = (r: SimRun) =>
    (actor === undefined || r.actor.toLowerCase() === actor) &&
    (branch === undefined || r.head_branch === branch) &&
    (event === undefined || r.event === event) &&
    (status === undefined || r.status === status || r.conclusion === status) &&
    (headSha === undefined || r.head_sha === headSha) &&
    (suite === undefined || String(r.check_suite_id) === suite) &&
    (created === undefined || inRange(created, Date.parse(r.created_at)));
  return { test, capped };
}

function invalid(field: string, found: string, allowed: string) {
  return validationFailed([
    {
      resource: "WorkflowRun",
      code: "invalid",
      field,
      message: `${field}: found '${found}', allowed ${allowed}`,
    },
  ]);
}
