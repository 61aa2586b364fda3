import { classifyError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { RepoResult } from "./report.ts";
import { parseRepo, type RepoRef } from "./repository.ts";
import { workerPool } from "./worker-pool.ts";

/**
 * Runs `work` for each repository, `concurrency` at a time, in input order of results. One
 * repository's failure becomes its failed row (with the classified cause) and the others go
 * on: the job still ends non-zero because a row failed. `keep` gets each row as it completes.
 */
export async function mapRepositories(
  repositories: readonly string[],
  log: Logger,
  work: (repo: RepoRef) => Promise<RepoResult>,
  concurrency = 1,
  keep: (row: RepoResult) => void = () => {},
): Promise<RepoResult[]> {
  const results: RepoResult[] = new Array(repositories.length);
  await workerPool(repositories.length, concurrency, async (index) => {
    const fullName = repositories[index]!;
    const started = Date.now();
    try {
      results[index] = await work(parseRepo(fullName));
    } catch (error) {
      results[index] = {
        repository: fullName,
        status: "failed",
        planned: 0,
        done: 0,
        left: 0,
        error: `${classifyError(error).message}; nothing further was done in this repository`,
      };
    }
    const r = results[index]!;
    keep(r);
    log.info(
      `[${index + 1}/${repositories.length}] ${fullName}: ${r.status}, ${r.done} done, ${r.left} left (${Date.now() - started} ms)`,
    );
  });
  return results;
}
