import { defineAction } from "../../core/action.ts";
import { forEachRepository } from "../../core/fan-out.ts";
import { parseRepo } from "../../core/repository.ts";
import { webLinks, webRoot } from "../../core/web-links.ts";
import { withRunEnd } from "./apply-wait.ts";
import { dispatchTarget, type TargetOutcome } from "./dispatch-target.ts";
import { apiRoot, forgeMismatch } from "./forge.ts";
import { dispatchOptions } from "./options.ts";
import { needsFacts } from "./plan.ts";
import { pollIntervalMs } from "./poll-interval.ts";
import { preflight } from "./preflight.ts";
import { listInstallationRepos } from "./repo-facts.ts";
import { schema } from "./schema.ts";
import { runLink } from "./run-link.ts";
import { requestsTable } from "./summary.ts";
import { waitForRuns } from "./wait-runs.ts";

/** Targets worked on at once; the client paces the dispatches themselves (one write at a time). */
const TARGET_CONCURRENCY = 4;

/** dispatch: a repository_dispatch or workflow_dispatch to every target, on GitHub or Gitea. */
export const action = defineAction({
  name: "dispatch",
  title: "Dispatch",
  schema,
  run: async (inputs, deps) => {
    const o = dispatchOptions(inputs);
    const api = apiRoot(o.forge, inputs["api-url"], deps.env);
    const mismatch = forgeMismatch(o.forge, inputs["api-url"], deps.env);
    if (mismatch) deps.log.warning(mismatch);
    const interval = pollIntervalMs(deps.env);
    const client = deps.makeClient(inputs.token, api);
    // Gitea's web root is its API root without `/api/v1`.
    const serverUrl = o.forge === "gitea" ? api.replace(/\/api\/v1$/, "") : webRoot(deps.env);
    const links = webLinks(serverUrl);
    const targets = inputs.repositories.map(parseRepo);
    const needFacts = needsFacts(o);
    const notes: string[] = [];

    // On GitHub the installation listing reads the targets and proves the token in one go.
    const listing =
      o.forge === "github" && needFacts ? await listInstallationRepos(client, targets) : undefined;
    if (o.forge === "github" && needFacts)
      notes.push(
        listing
          ? `Preflight: the token was accepted (GET /installation/repositories answered 200 and listed ${listing.total} repositories).`
          : "Preflight: the token was accepted (GET /installation/repositories answered 403: not an installation token, so each target was read on its own).",
      );
    else if (o.preflight) notes.push(await preflight(client, o.forge, targets.length));

    const outcomes = new Map<string, TargetOutcome>();
    let repos = await forEachRepository(
      inputs.repositories,
      deps.log,
      async (repo) => {
        const outcome = await dispatchTarget(repo, {
          client,
          options: o,
          needFacts,
          links,
          ...(listing ? { listing } : {}),
        });
        outcomes.set(repo.fullName, outcome);
        return outcome.result;
      },
      TARGET_CONCURRENCY,
    );

    if (!o.dryRun && o.waitTimeoutSeconds > 0) {
      const pending = [...outcomes.values()].flatMap((x) => (x.pending ? [x.pending] : []));
      const ends = await waitForRuns(client, o.forge, pending, {
        timeoutMs: o.waitTimeoutSeconds * 1000,
        intervalMs: interval,
        clock: deps.clock,
        log: deps.log,
      });
      repos = repos.map((r) => {
        const end = ends.get(r.repository);
        if (!end) return r;
        const runUrl = runLink(o.forge, links, r.repository, end);
        return withRunEnd(r, { ...end, ...(runUrl ? { runUrl } : {}) }, o.waitTimeoutSeconds);
      });
    }

    const runs: Record<string, string> = {};
    for (const r of repos) {
      const url = r.items?.find((i) => i.url)?.url;
      if (url) runs[r.repository] = url;
    }
    const requests = inputs.repositories.flatMap((name) => {
      const outcome = outcomes.get(name);
      return outcome?.request && outcome.result.status !== "skipped"
        ? [{ repository: name, request: outcome.request }]
        : [];
    });
    return {
      outputs: {
        dispatched: repos.filter((r) => r.done > 0).map((r) => r.repository),
        failed: repos.filter((r) => r.status === "failed").map((r) => r.repository),
        runs,
      },
      repos,
      summary: [...notes, "", requestsTable(requests, o.dryRun)].join("\n"),
      ...(o.forge === "gitea" ? { serverUrl } : {}),
    };
  },
});
