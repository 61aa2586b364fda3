import { classifyError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { RepoResult } from "./report.ts";
import { parseRepo, type RepoRef } from "./repository.ts";
import { workerPool } from "./worker-pool.ts";

/** How mapRepositories goes through the repositories. */
export interface MapOptions {
  /** Repositories worked on at once. */
  concurrency: number;
  /** A dry run: each progress line says what would be done. */
  dryRun: boolean;
  /** Gets each row as soon as it is final. */
  keep?(row: RepoResult): void;
}

/**
 * Runs `work` for each repository, `concurrency` at a time, in input order of results. One
 * repository's failure becomes its failed row (with the classified cause) and the others go
 * on: the job still ends non-zero because a row failed.
 */
export async function mapRepositories(
  repositories: readonly string[],
  log: Logger,
  work: (repo: RepoRef) => Promise<RepoResult>,
  options: MapOptions,
): Promise<RepoResult[]> {
  const results: RepoResult[] = new Array(repositories.length);
  await workerPool(repositories.length, options.concurrency, async (index) => {
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
    options.keep?.(r);
    const counts = options.dryRun
      ? `would do ${r.done}, would leave ${r.left}`
      : `${r.done} done, ${r.left} left`;
    log.info(
      `[${index + 1}/${repositories.length}] ${fullName}: ${r.status}, ${counts} (${Date.now() - started} ms)`,
    );
  });
  return results;
}
