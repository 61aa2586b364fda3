import type { BatchOutcome } from "../../core/apply.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import { httpStatus } from "../../core/http-status.ts";
import { RepoFailure } from "../../core/repo-failure.ts";
import type { ChangeWriter } from "../../core/repo-action.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { DispatchOptions } from "./inputs.ts";
import type { DispatchRequest, RepoFacts } from "./plan.ts";
import { readRepoFacts, type InstallationRepos } from "./repo-facts.ts";
import { sendDispatch } from "./send-dispatch.ts";
import type { PendingRun } from "./wait-runs.ts";

/** What every target's dispatch shares. */
export interface TargetContext {
  client: FleetClient;
  options: DispatchOptions;
  /** Read each target before dispatching (see needsFacts). */
  needFacts: boolean;
  /** GitHub's installation listing, when the token is an installation token. */
  listing?: InstallationRepos | undefined;
}

/** A read's answer; `missing` when the repository does not exist for this token. */
type FactsRead = { facts: RepoFacts } | { error: string; missing: boolean };

async function readFacts(repo: RepoRef, context: TargetContext): Promise<FactsRead> {
  const listed = context.listing?.known.get(repo.fullName.toLowerCase());
  if (listed) return { facts: listed };
  if (context.listing?.complete)
    return {
      missing: true,
      error: `404 Not Found: repository ${repo.fullName} does not exist, or the token cannot see it (it is not among the ${context.listing.total} repositories this installation token can reach)`,
    };
  try {
    return { facts: await readRepoFacts(context.client, repo) };
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
 * What the plan needs of one target: nothing, or its facts (default branch, archived) when
 * the plan needs them. A target that cannot be read fails with its dispatch left undone.
 */
export async function readTarget(
  repo: RepoRef,
  context: TargetContext,
): Promise<{ facts?: RepoFacts | undefined }> {
  if (!context.needFacts) return {};
  const read = await readFacts(repo, context);
  if ("error" in read)
    throw new RepoFailure(`${read.error}; nothing was dispatched to it`, undefined, 1);
  return { facts: read.facts };
}

/** How one target's dispatch went, once sent. */
export interface Sent {
  runId?: number | undefined;
  runUrl?: string | undefined;
  /** The run to follow (workflow dispatches on a known ref). */
  pending?: PendingRun;
  /** Set when the server's refusal says the target is one to leave alone (archived). */
  skip?: string;
}

/**
 * Sends one target's dispatch. A refusal the server explains as a reason to leave the target
 * alone is a skip; any other refusal fails the target with its cause.
 */
export function dispatchWriter(
  repo: RepoRef,
  facts: RepoFacts | undefined,
  context: TargetContext,
): ChangeWriter<DispatchRequest> & { sent: Sent } {
  const options = context.options;
  const sent: Sent = {};
  const apply = async (request: DispatchRequest): Promise<BatchOutcome> => {
    const outcome = await sendDispatch(context.client, request, {
      forge: options.forge,
      mode: options.kind.mode,
      repository: repo.fullName,
      ...(options.kind.mode === "workflow" ? { workflow: options.kind.workflow } : {}),
      ...(facts ? { repoExists: true } : {}),
      repoExistsNow: async () => {
        const read = await readFacts(repo, { ...context, listing: undefined });
        return "facts" in read ? true : read.missing ? false : undefined;
      },
    });
    if (!outcome.sent) {
      if ("error" in outcome.verdict) return { error: outcome.verdict.error };
      sent.skip = outcome.verdict.skip;
      return "skipped";
    }
    sent.runId = outcome.runId;
    sent.runUrl = outcome.runUrl;
    if (options.kind.mode === "workflow" && request.ref !== undefined)
      sent.pending = {
        repo,
        workflow: options.kind.workflow,
        ref: request.ref,
        runId: outcome.runId,
        runUrl: outcome.runUrl,
      };
    return "done";
  };
  return { apply, describe: () => `dispatching to ${repo.fullName}`, sent };
}
