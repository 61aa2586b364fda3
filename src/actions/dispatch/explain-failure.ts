import type { Forge, Mode } from "./input-rules.ts";

/** What is known when a dispatch was refused. */
export interface Refusal {
  status: number;
  /** The server's own message (the body's `message`, or its text). */
  message: string;
  forge: Forge;
  mode: Mode;
  repository: string;
  workflow?: string;
  ref?: string;
  /** Whether the repository is known to exist for this token; undefined when not known. */
  repoExists?: boolean;
}

/** A refusal either skips the target (archived) or fails it with a message saying what to do. */
export type Verdict = { skip: string } | { error: string };

const forgeName = (forge: Forge) => (forge === "github" ? "GitHub" : "Gitea");

function forbidden(r: Refusal): Verdict {
  const said = `${forgeName(r.forge)} said: ${r.message}`;
  if (r.forge === "github" && /archived/i.test(r.message))
    return {
      skip: `archived: GitHub refuses dispatches to an archived repository (${said}), so nothing was dispatched to it`,
    };
  if (r.forge === "gitea" && /workflow is disabled/i.test(r.message))
    return {
      error: `403 Forbidden: workflow '${r.workflow}' is disabled in ${r.repository}; enable it in the repository's Actions settings (${said})`,
    };
  const doing = r.mode === "workflow" ? "start workflows" : "send repository_dispatch events";
  const needs =
    r.forge === "gitea"
      ? "the write:repository scope and write access to the repository"
      : r.mode === "workflow"
        ? "permission actions: write"
        : "permission contents: write";
  return {
    error: `403 Forbidden: the token may not ${doing} in ${r.repository}; it needs ${needs} (${said})`,
  };
}

function noRepositoryDispatch(r: Refusal): Verdict {
  const server = r.forge === "gitea" ? "this Gitea server" : "the server at api-url";
  return {
    error: `${r.status}: ${server} has no repository dispatch endpoint (POST /repos/{owner}/{repo}/dispatches answered ${r.status}); Gitea cannot receive repository_dispatch events: use mode: workflow with the workflow's file name`,
  };
}

function notFound(r: Refusal): Verdict {
  const hidden = `${r.repository} does not exist, or the token cannot see it (a repository a token may not read answers 404, not 403)`;
  if (r.repoExists === false) return { error: `404 Not Found: repository ${hidden}` };
  if (r.mode === "repository") {
    if (r.forge === "gitea" && r.repoExists) return noRepositoryDispatch(r);
    return r.repoExists
      ? {
          error: `404 Not Found from POST /repos/${r.repository}/dispatches although the repository exists (${forgeName(r.forge)} said: ${r.message})`,
        }
      : { error: `404 Not Found: repository ${hidden}` };
  }
  const badRef = /^ref "(.*)" doesn't exist/.exec(r.message);
  if (badRef)
    return { error: `404 Not Found: ref '${badRef[1]}' does not exist in ${r.repository}` };
  if (r.repoExists === undefined)
    return {
      error: `404 Not Found: repository ${r.repository} or its workflow '${r.workflow}' does not exist, or the token cannot see it (reading the repository to tell which failed too)`,
    };
  const folder =
    r.forge === "gitea" ? ".gitea/workflows or .github/workflows" : ".github/workflows";
  return {
    error: `404 Not Found: workflow '${r.workflow}' was not found in ${r.repository} (the repository exists); it must be a file under ${folder} on ${r.ref ?? "the ref"}`,
  };
}

function unprocessable(r: Refusal): Verdict {
  if (r.mode === "repository")
    return {
      error: `422 Unprocessable: ${r.message} (event-type must be 1 to 100 characters and client-payload a JSON object of at most 10 top-level keys)`,
    };
  const hint = /disabled/i.test(r.message)
    ? `workflow '${r.workflow}' is disabled in ${r.repository}: enable it in the repository's Actions settings`
    : /workflow_dispatch/i.test(r.message)
      ? `workflow '${r.workflow}' has no workflow_dispatch trigger on ${r.ref}: add \`on: workflow_dispatch\` to it`
      : /\bref\b/i.test(r.message)
        ? `ref '${r.ref}' does not exist in ${r.repository}`
        : /input/i.test(r.message)
          ? `the inputs do not match those workflow '${r.workflow}' declares`
          : `check that '${r.workflow}' has a workflow_dispatch trigger on ${r.ref} and accepts these inputs`;
  return { error: `422 Unprocessable: ${r.message} (${hint})` };
}

/**
 * Turns a refused dispatch into what the user must do, by status: 401 the token, 403 the
 * permission it lacks (named), 404 whether the repository or the workflow is missing, 405 a
 * forge without repository dispatch, 422 the trigger, ref or inputs. Undefined for other
 * statuses (rate limits, 5xx, network), which the shared error classification words.
 */
export function explainRefusal(r: Refusal): Verdict | undefined {
  switch (r.status) {
    case 401:
      return {
        error: `401 Unauthorized: the token was refused (invalid, expired or revoked) when dispatching to ${r.repository}; create a new one and update the secret`,
      };
    case 403:
      return forbidden(r);
    case 404:
      return notFound(r);
    case 405:
      return r.mode === "repository" ? noRepositoryDispatch(r) : undefined;
    case 422:
      return unprocessable(r);
  }
  return undefined;
}
