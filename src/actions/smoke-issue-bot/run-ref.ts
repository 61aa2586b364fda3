import { webLinks, webRoot } from "../../core/web-links.ts";
import type { FailedRun } from "./package-state.ts";

/** The id of a run from its URL (`.../actions/runs/<id>`), or the URL when it has none. */
export function runIdOf(url: string): string {
  return /\/actions\/runs\/(\d+)(?:\/|$|\?|#)/.exec(url)?.[1] ?? url;
}

/**
 * This smoke run: the `run-url` input, or the URL of the workflow run the action runs in
 * (what the runner's default for the input says), from the environment the runner sets.
 */
export function currentRun(
  runUrl: string | undefined,
  env: NodeJS.ProcessEnv,
  at: string,
): FailedRun {
  const { GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  const url =
    runUrl ??
    (GITHUB_RUN_ID && GITHUB_REPOSITORY
      ? webLinks(webRoot(env)).workflowRun(GITHUB_REPOSITORY, GITHUB_RUN_ID)
      : undefined);
  if (url === undefined)
    throw new Error(
      "Input 'run-url' is required in record mode outside a workflow run (GITHUB_RUN_ID and GITHUB_REPOSITORY are not set): it identifies the smoke run, so a rerun of it is not counted twice",
    );
  return { id: runIdOf(url), url, at };
}
