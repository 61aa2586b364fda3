import { InputError } from "../../core/inputs.ts";
import type { Forge } from "./input-rules.ts";

const GITHUB_SERVER = "https://github.com";

/**
 * The REST root requests go to. `api-url` wins. Otherwise GitHub's is the runner's
 * `GITHUB_API_URL`; Gitea's is `{server}/api/v1` from `GITHUB_SERVER_URL`, which Gitea
 * Actions sets to the Gitea server. Outside Gitea Actions a Gitea root cannot be guessed, and
 * a Gitea token must never be sent to GitHub, so that is an error naming the input.
 */
export function apiRoot(forge: Forge, apiUrl: string | undefined, env: NodeJS.ProcessEnv): string {
  if (apiUrl) return apiUrl.replace(/\/+$/, "");
  if (forge === "github")
    return (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, "");
  const server = (env.GITHUB_SERVER_URL ?? "").replace(/\/+$/, "");
  if (server === "" || server === GITHUB_SERVER)
    throw new InputError(
      `Input 'api-url': is required with forge gitea outside Gitea Actions (found GITHUB_SERVER_URL '${server}'); allowed the Gitea API root, e.g. https://gitea.example.com/api/v1`,
    );
  return `${server}/api/v1`;
}

/** A hint when the job runs on Gitea Actions but was told the targets are on GitHub. */
export function forgeMismatch(forge: Forge, apiUrl: string | undefined, env: NodeJS.ProcessEnv) {
  if (forge === "github" && !apiUrl && env.GITEA_ACTIONS === "true")
    return "this job runs on Gitea Actions but forge is github, so requests go to this Gitea server's API with GitHub's semantics; set forge: gitea for targets on this server";
  return undefined;
}
