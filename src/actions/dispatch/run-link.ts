import type { WebLinks } from "../../core/web-links.ts";
import type { Forge } from "./input-rules.ts";

/**
 * The link to a dispatched run. On GitHub it is built on the web root like every other link
 * in the summary; Gitea numbers runs per repository, so there its own `html_url` is kept (Gitea's
 * web root is the one it answers with).
 */
export function runLink(
  forge: Forge,
  links: WebLinks,
  repository: string,
  run: { runId?: number | undefined; runUrl?: string | undefined },
): string | undefined {
  if (forge === "github" && run.runId !== undefined)
    return links.workflowRun(repository, run.runId);
  return run.runUrl;
}
