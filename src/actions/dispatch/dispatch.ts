import type { Clock } from "../../core/clock.ts";
import type { Logger } from "../../core/logger.ts";
import {
  defineRepoAction,
  type RepoPlan,
  type RunContext,
  type Skip,
} from "../../core/repo-action.ts";
import { parseRepo } from "../../core/repository.ts";
import { webLinks } from "../../core/web-links.ts";
import { withRunEnd } from "./apply-wait.ts";
import { apiRoot, forgeMismatch } from "./forge.ts";
import { dispatchWriter, readTarget, type TargetContext } from "./github.ts";
import { needsFacts, planTarget, type DispatchRequest, type RepoFacts } from "./plan.ts";
import { pollIntervalMs } from "./poll-interval.ts";
import { preflight } from "./preflight.ts";
import { listInstallationRepos } from "./repo-facts.ts";
import { runLink } from "./run-link.ts";
import { dispatchOptions, schema } from "./inputs.ts";
import { requestsTable } from "./messages.ts";
import { waitForRuns } from "./wait-runs.ts";

/** Targets worked on at once; the client paces the dispatches themselves (one write at a time). */
const TARGET_CONCURRENCY = 4;

/** What every target shares: the options, the preflight's notes, and how to wait for runs. */
interface DispatchContext extends RunContext, TargetContext {
  notes: string[];
  /** The web root when it is not the runner's (a Gitea server). */
  serverUrl?: string;
  clock: Clock;
  log: Logger;
  pollMs: number;
}

/** One target's plan: its dispatch, and the facts read of it (which the send reuses). */
type Planned = RepoPlan<DispatchRequest> & { facts: RepoFacts | undefined };

/** dispatch: a repository_dispatch or workflow_dispatch to every target, on GitHub or Gitea. */
export const action = defineRepoAction({
  name: "dispatch",
  title: "Dispatch",
  schema,
  concurrency: TARGET_CONCURRENCY,
  apiUrl: (inputs, deps) => apiRoot(dispatchOptions(inputs).forge, inputs["api-url"], deps.env),
  async setup(inputs, deps, base): Promise<DispatchContext> {
    const options = dispatchOptions(inputs);
    const mismatch = forgeMismatch(options.forge, inputs["api-url"], deps.env);
    if (mismatch) deps.log.warning(mismatch);
    const pollMs = pollIntervalMs(deps.env);
    const { client } = base;
    const targets = inputs.repositories.map(parseRepo);
    const needFacts = needsFacts(options);
    const notes: string[] = [];
    // On GitHub the installation listing reads the targets and proves the token in one go.
    const github = options.forge === "github";
    const listing = github && needFacts ? await listInstallationRepos(client, targets) : undefined;
    if (github && needFacts)
      notes.push(
        listing
          ? `Preflight: the token was accepted (GET /installation/repositories answered 200 and listed ${listing.total} repositories).`
          : "Preflight: the token was accepted (GET /installation/repositories answered 403: not an installation token, so each target was read on its own).",
      );
    else if (options.preflight) notes.push(await preflight(client, options.forge, targets.length));
    // Gitea's web root is its API root without `/api/v1`.
    const serverUrl = github
      ? undefined
      : apiRoot(options.forge, inputs["api-url"], deps.env).replace(/\/api\/v1$/, "");
    return {
      ...base,
      ...(serverUrl ? { serverUrl, links: webLinks(serverUrl) } : {}),
      options,
      needFacts,
      listing,
      notes,
      clock: deps.clock,
      log: deps.log,
      pollMs,
    };
  },
  read: (repo, context) => readTarget(repo, context),
  plan(read, context, repo): Planned | Skip {
    const plan = planTarget(repo, read.facts, context.options);
    if (plan.action === "skip") return { skip: plan.notice };
    return { facts: read.facts, changes: [plan.request] };
  },
  writer: (repo, plan, context) => dispatchWriter(repo, plan.facts, context),
  row({ repo, plan, report, writer }, context) {
    const request = plan.changes[0]!;
    const url = runLink(context.options.forge, context.links, repo.fullName, writer.sent);
    return {
      ...(request.ref === undefined ? {} : { counts: { ref: request.ref } }),
      ...(url ? { items: [{ text: `run ${writer.sent.runId ?? ""}`.trim(), url }] } : {}),
      error: report.failed[0]?.error,
      ...(writer.sent.skip ? { skip: writer.sent.skip } : {}),
    };
  },
  async finish(runs, rows, context) {
    const options = context.options;
    let repos = [...rows];
    if (!options.dryRun && options.waitTimeoutSeconds > 0) {
      const pending = [...runs.values()].flatMap((r) =>
        r.writer.sent.pending ? [r.writer.sent.pending] : [],
      );
      const ends = await waitForRuns(context.client, options.forge, pending, {
        timeoutMs: options.waitTimeoutSeconds * 1000,
        intervalMs: context.pollMs,
        clock: context.clock,
        log: context.log,
      });
      repos = repos.map((r) => {
        const end = ends.get(r.repository);
        if (!end) return r;
        const runUrl = runLink(options.forge, context.links, r.repository, end);
        return withRunEnd(r, { ...end, ...(runUrl ? { runUrl } : {}) }, options.waitTimeoutSeconds);
      });
    }
    const runUrls: Record<string, string> = {};
    for (const r of repos) {
      const url = r.items?.find((i) => i.url)?.url;
      if (url) runUrls[r.repository] = url;
    }
    const skipped = new Set(rows.filter((r) => r.status === "skipped").map((r) => r.repository));
    const requests = [...runs.values()]
      .filter((r) => !skipped.has(r.repo.fullName))
      .map((r) => ({ repository: r.repo.fullName, request: r.plan.changes[0]! }));
    return {
      outputs: {
        dispatched: repos.filter((r) => r.done > 0).map((r) => r.repository),
        failed: repos.filter((r) => r.status === "failed").map((r) => r.repository),
        runs: runUrls,
      },
      repos,
      summary: [...context.notes, "", requestsTable(requests, options.dryRun)].join("\n"),
      ...(context.serverUrl ? { serverUrl: context.serverUrl } : {}),
    };
  },
});
