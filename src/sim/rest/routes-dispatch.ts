import { queueWorkflowDispatch } from "../state.ts";
import { notFound, stringField, unprocessable, type RepoContext, type RepoRoute } from "./http.ts";
import { workflowOf } from "./routes-actions.ts";

const MAX_PAYLOAD_KEYS = 10;
const MAX_INPUTS = 25;
/** "The total size of the JSON payload must be less than 64KB" (GitHub's REST reference). */
const MAX_PAYLOAD_BYTES = 64 * 1024;

function objectField(ctx: RepoContext, field: string, maxKeys: number): Record<string, unknown> {
  const value = ctx.body[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw unprocessable(
      `Invalid request.\n\nFor '${field}', ${JSON.stringify(value)} is not an object.`,
    );
  const keys = Object.keys(value).length;
  if (keys > maxKeys)
    throw unprocessable(
      `Invalid request.\n\nNo more than ${maxKeys} properties are allowed; ${keys} were supplied.`,
    );
  return value as Record<string, unknown>;
}

/** POST /repos/{o}/{r}/dispatches: records a repository_dispatch event; 204. */
function repositoryDispatch(ctx: RepoContext) {
  const eventType = stringField(ctx, "event_type", true);
  if (eventType === "" || eventType.length > 100)
    throw unprocessable(
      `Invalid request.\n\nFor 'event_type', found ${eventType.length} characters, allowed 1 to 100.`,
    );
  const payload = objectField(ctx, "client_payload", MAX_PAYLOAD_KEYS);
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  if (bytes >= MAX_PAYLOAD_BYTES)
    throw unprocessable(
      `Invalid request.\n\nFor 'client_payload', ${bytes} bytes were supplied; the payload must be less than 64KB.`,
    );
  ctx.repo.dispatches.repository.push({
    event_type: eventType,
    client_payload: payload,
    actor: ctx.token.login,
    created_at: ctx.at,
  });
  return { status: 204 };
}

/** The branch a dispatch `ref` names (`main`, `refs/heads/main`), or 422 as GitHub. */
function branchOf(ctx: RepoContext, ref: string): string {
  const name = ref.replace(/^refs\/heads\//, "");
  if (!ctx.repo.branches.has(name)) throw unprocessable(`No ref found for: ${ref}`);
  return name;
}

/**
 * POST .../actions/workflows/{id|file}/dispatches: checks the workflow, its trigger, the ref
 * and the inputs as GitHub does, records the dispatch and queues a run. 204, or 200 with the
 * run's id and URLs when `return_run_details` is true.
 */
function workflowDispatch(ctx: RepoContext) {
  const w = workflowOf(ctx);
  if (w.state === "deleted") throw notFound();
  const ref = stringField(ctx, "ref", true);
  // GitHub reads the workflow file at `ref`, so a bad ref is reported before the trigger.
  const branch = branchOf(ctx, ref);
  if (w.state !== "active")
    throw unprocessable("Cannot trigger a 'workflow_dispatch' on a disabled workflow");
  if (w.dispatchInputs === null)
    throw unprocessable("Workflow does not have 'workflow_dispatch' trigger");
  const inputs = objectField(ctx, "inputs", MAX_INPUTS);
  const declared = w.dispatchInputs;
  const unexpected = Object.keys(inputs).filter((k) => !(k in declared));
  if (unexpected.length > 0)
    throw unprocessable(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  for (const [name, spec] of Object.entries(declared))
    if (spec.required && (inputs[name] === undefined || inputs[name] === ""))
      throw unprocessable(`Required input '${name}' not provided`);
  const run = queueWorkflowDispatch(ctx.state, ctx.repo, w, {
    ref,
    branch,
    inputs,
    actor: ctx.token.login,
    at: ctx.at,
  });
  if (ctx.body.return_run_details !== true) return { status: 204 };
  return {
    status: 200,
    body: {
      workflow_run_id: run.id,
      run_url: `${ctx.api}/repos/${ctx.repo.full_name}/actions/runs/${run.id}`,
      html_url: `https://github.com/${ctx.repo.full_name}/actions/runs/${run.id}`,
    },
  };
}

/** repository_dispatch and workflow_dispatch. */
export const dispatchRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/dispatches",
    permission: { name: "contents", level: "write" },
    handle: repositoryDispatch,
  },
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
    permission: { name: "actions", level: "write" },
    handle: workflowDispatch,
  },
];
