import type { RepoRef } from "../../core/repository.ts";
import type { Forge } from "./input-rules.ts";
import type { DispatchKind } from "./inputs.ts";

/** What a read of a repository told: enough to plan its dispatch. */
export interface RepoFacts {
  /** The name as the server spells it (only for messages: requests use the name as given). */
  fullName: string;
  defaultBranch: string;
  archived: boolean;
}

/** One dispatch request, ready to send with `client.request(route, {...params, ...body})`. */
export interface DispatchRequest {
  /** Octokit route, e.g. `POST /repos/{owner}/{repo}/dispatches`. */
  route: string;
  params: Record<string, string>;
  body: Record<string, unknown>;
  /** Method and path with the target filled in, for the summary and messages. */
  display: string;
  /** The ref a workflow dispatch runs on. */
  ref?: string;
}

/** What to do for one target. */
export type TargetPlan =
  { action: "send"; request: DispatchRequest } | { action: "skip"; notice: string };

/** Gitea binds workflow inputs to strings, so numbers and booleans travel as their text. */
function giteaInputs(inputs: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v)]));
}

/**
 * The request for one target, or why it is skipped. Names are used exactly as given (never
 * re-cased: a case-insensitive server matches them; a rename must show, not be papered over).
 * A workflow dispatch runs on `ref`, else on the target's default branch, which `facts` tell.
 */
export function planTarget(
  target: RepoRef,
  facts: RepoFacts | undefined,
  options: { forge: Forge; kind: DispatchKind },
): TargetPlan {
  if (facts?.archived)
    return {
      action: "skip",
      notice: `archived: ${facts.fullName} is read-only, so nothing is dispatched to it`,
    };
  const params = { owner: target.owner, repo: target.repo };
  const base = `/repos/${target.owner}/${target.repo}`;
  const k = options.kind;
  if (k.mode === "repository") {
    const body: Record<string, unknown> = { event_type: k.eventType };
    if (Object.keys(k.clientPayload).length > 0) body.client_payload = k.clientPayload;
    return {
      action: "send",
      request: {
        route: "POST /repos/{owner}/{repo}/dispatches",
        params,
        body,
        display: `POST ${base}/dispatches`,
      },
    };
  }
  const ref = k.ref ?? facts?.defaultBranch;
  if (ref === undefined)
    throw new Error(`planning ${target.fullName}: no ref given and the default branch is unknown`);
  const hasInputs = Object.keys(k.inputs).length > 0;
  const path = `/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches`;
  // GitHub reads return_run_details from the body; Gitea (when new enough) from the query.
  const request: DispatchRequest =
    options.forge === "github"
      ? {
          route: `POST ${path}`,
          params: { ...params, workflow_id: k.workflow },
          body: { ref, ...(hasInputs ? { inputs: k.inputs } : {}), return_run_details: true },
          display: `POST ${base}/actions/workflows/${k.workflow}/dispatches`,
          ref,
        }
      : {
          route: `POST ${path}?return_run_details=true`,
          params: { ...params, workflow_id: k.workflow },
          body: { ref, ...(hasInputs ? { inputs: giteaInputs(k.inputs) } : {}) },
          display: `POST ${base}/actions/workflows/${k.workflow}/dispatches`,
          ref,
        };
  return { action: "send", request };
}

/**
 * Whether targets must be read before dispatching: for the default branch (a workflow
 * dispatch without `ref`); on Gitea, which accepts dispatches to archived repositories (so
 * the skip must be decided here); and in a dry run, which sends nothing and so can only learn
 * from reads what a real run would learn from the dispatch's answer.
 */
export function needsFacts(options: {
  forge: Forge;
  kind: DispatchKind;
  dryRun: boolean;
}): boolean {
  return (
    options.dryRun ||
    options.forge === "gitea" ||
    (options.kind.mode === "workflow" && options.kind.ref === undefined)
  );
}
