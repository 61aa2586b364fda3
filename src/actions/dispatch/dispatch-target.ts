import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import type { RepoResult } from "../../core/report.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { WebLinks } from "../../core/web-links.ts";
import type { DispatchOptions } from "./options.ts";
import { planTarget, type DispatchRequest, type RepoFacts } from "./plan.ts";
import { readRepoFacts, type InstallationRepos } from "./repo-facts.ts";
import { httpStatus } from "../../core/http-status.ts";
import { runLink } from "./run-link.ts";
import { sendDispatch } from "./send-dispatch.ts";
import type { PendingRun } from "./wait-runs.ts";

/** What every target's dispatch shares. */
export interface TargetContext {
  client: FleetClient;
  options: DispatchOptions;
  /** Read each target before dispatching (see needsFacts). */
  needFacts: boolean;
  /** GitHub's installation listing, when the token is an installation token. */
  listing?: InstallationRepos;
  /** Where the summary's run links point. */
  links: WebLinks;
}

/** One target's row, the request planned for it, and its run to follow. */
export interface TargetOutcome {
  result: RepoResult;
  request?: DispatchRequest;
  pending?: PendingRun;
}

const row = (repository: string, r: Partial<RepoResult>): RepoResult => ({
  repository,
  status: "ok",
  planned: 0,
  done: 0,
  left: 0,
  ...r,
});

/** A read's answer; `missing` when the repository does not exist for this token. */
type FactsRead = { facts: RepoFacts } | { error: string; missing: boolean };

async function readFacts(repo: RepoRef, c: TargetContext): Promise<FactsRead> {
  const listed = c.listing?.known.get(repo.fullName.toLowerCase());
  if (listed) return { facts: listed };
  if (c.listing?.complete)
    return {
      missing: true,
      error: `404 Not Found: repository ${repo.fullName} does not exist, or the token cannot see it (it is not among the ${c.listing.total} repositories this installation token can reach)`,
    };
  try {
    return { facts: await readRepoFacts(c.client, repo) };
  } catch (error) {
    if (httpStatus(error) === 404)
      return {
        missing: true,
        error: `404 Not Found: repository ${repo.fullName} does not exist, or the token cannot see it (a repository a token may not read answers 404, not 403)`,
      };
    return {
      missing: false,
      error: classifyError(error, { doing: "reading the repository" }).message,
    };
  }
}

/**
 * One target: read it when the plan needs to (default branch, archived), plan, then send
 * (unless dry run). A failure is this target's failed row; the other targets go on.
 */
export async function dispatchTarget(repo: RepoRef, c: TargetContext): Promise<TargetOutcome> {
  const o = c.options;
  const name = repo.fullName;
  let facts: RepoFacts | undefined;
  if (c.needFacts) {
    const read = await readFacts(repo, c);
    if ("error" in read)
      return {
        result: row(name, {
          status: "failed",
          planned: 1,
          left: 1,
          error: `${read.error}; nothing was dispatched to it`,
        }),
      };
    facts = read.facts;
  }
  const plan = planTarget(repo, facts, o);
  if (plan.action === "skip")
    return { result: row(name, { status: "skipped", notice: plan.notice }) };
  const request = plan.request;
  const counts = request.ref === undefined ? undefined : { ref: request.ref };
  const sent = row(name, { planned: 1, done: 1, ...(counts ? { counts } : {}) });
  if (o.dryRun) return { result: sent, request };
  const outcome = await sendDispatch(c.client, request, {
    forge: o.forge,
    mode: o.kind.mode,
    repository: name,
    ...(o.kind.mode === "workflow" ? { workflow: o.kind.workflow } : {}),
    ...(facts ? { repoExists: true } : {}),
    repoExistsNow: async () => {
      const read = await readFacts(repo, { ...c, listing: undefined });
      return "facts" in read ? true : read.missing ? false : undefined;
    },
  });
  if (outcome.sent) {
    const url = runLink(o.forge, c.links, name, outcome);
    const items = url ? [{ text: `run ${outcome.runId ?? ""}`.trim(), url }] : [];
    return {
      result: { ...sent, ...(items.length > 0 ? { items } : {}) },
      request,
      ...(o.kind.mode === "workflow" && request.ref !== undefined
        ? {
            pending: {
              repo,
              workflow: o.kind.workflow,
              ref: request.ref,
              runId: outcome.runId,
              runUrl: outcome.runUrl,
            },
          }
        : {}),
    };
  }
  if ("skip" in outcome.verdict)
    return { result: row(name, { status: "skipped", notice: outcome.verdict.skip }), request };
  return {
    result: row(name, {
      status: "failed",
      planned: 1,
      left: 1,
      ...(counts ? { counts } : {}),
      error: outcome.verdict.error,
    }),
    request,
  };
}
