import type { RepoResult } from "./report.ts";

/** Why an archived repository is skipped, in every action's summary and annotations. */
export const ARCHIVED_NOTICE = "archived: skipped (GitHub refuses writes to archived repositories)";

/** The row of a repository skipped because it is archived: a notice, not a failure. */
export function archivedResult(repository: string, counts?: RepoResult["counts"]): RepoResult {
  return {
    repository,
    status: "skipped",
    planned: 0,
    done: 0,
    left: 0,
    ...(counts ? { counts } : {}),
    notice: ARCHIVED_NOTICE,
  };
}
