import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import { httpStatus } from "../../core/http-status.ts";
import type { RepoRef } from "../../core/repository.ts";
import { workerPool } from "../../core/worker-pool.ts";
import type { RepoFacts } from "./plan.ts";
import { preflightFailure } from "./preflight.ts";

interface RepoBody {
  full_name: string;
  default_branch: string;
  archived?: boolean;
}

const PER_PAGE = 100;
const PAGE_CONCURRENCY = 4;
const LISTING = "GET /installation/repositories";

const factsOf = (r: RepoBody): RepoFacts => ({
  fullName: r.full_name,
  defaultBranch: r.default_branch,
  archived: r.archived === true,
});

/** One repository's facts (`GET /repos/{owner}/{repo}`, the same on GitHub and Gitea); throws on failure. */
export async function readRepoFacts(client: FleetClient, repo: RepoRef): Promise<RepoFacts> {
  const { data } = await client.request("GET /repos/{owner}/{repo}", {
    owner: repo.owner,
    repo: repo.repo,
  });
  return factsOf(data as RepoBody);
}

/** What an installation listing told: facts by lower-cased `owner/name`. */
export interface InstallationRepos {
  known: Map<string, RepoFacts>;
  /** Every page was read: a target missing from `known` is invisible to the token. */
  complete: boolean;
  total: number;
}

/**
 * The facts of many targets from GitHub's installation listing (100 repositories a request)
 * instead of one read each, when the token is an installation token (an App's, or
 * GITHUB_TOKEN): its first page is also the preflight. Pages past the first are read only
 * when they cost fewer requests than reading the remaining targets one by one. Undefined
 * when the token is not an installation token (403/404): the caller reads targets one by one.
 */
export async function listInstallationRepos(
  client: FleetClient,
  targets: readonly RepoRef[],
): Promise<InstallationRepos | undefined> {
  const page = async (n: number) =>
    (await client.request(LISTING, { per_page: PER_PAGE, page: n })).data as {
      total_count: number;
      repositories: RepoBody[];
    };
  let first;
  try {
    first = await page(1);
  } catch (error) {
    const status = httpStatus(error);
    if ((status === 403 || status === 404) && classifyError(error).kind !== "rate-limited")
      return undefined;
    throw preflightFailure(LISTING, error, targets.length);
  }
  const known = new Map<string, RepoFacts>();
  const take = (rs: RepoBody[]) => {
    for (const r of rs) known.set(r.full_name.toLowerCase(), factsOf(r));
  };
  take(first.repositories);
  const pages = Math.ceil(first.total_count / PER_PAGE);
  const unknown = targets.filter((t) => !known.has(t.fullName.toLowerCase())).length;
  if (pages <= 1 || unknown === 0) return { known, complete: pages <= 1, total: first.total_count };
  if (pages - 1 > unknown) return { known, complete: false, total: first.total_count };
  let complete = true;
  await workerPool(
    pages - 1,
    PAGE_CONCURRENCY,
    async (index) => {
      try {
        take((await page(index + 2)).repositories);
      } catch {
        // A page that failed only costs reads: the targets it held are read one by one.
        complete = false;
      }
    },
    () => !complete,
  );
  return { known, complete, total: first.total_count };
}
