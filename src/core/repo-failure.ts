import type { RepoResult } from "./report.ts";

/**
 * A repository that failed before any change, in the action's own words (what could not be
 * read and what was therefore not done), with the counts it got as far as.
 */
export class RepoFailure extends Error {
  override readonly name = "RepoFailure";
  constructor(
    message: string,
    readonly counts?: RepoResult["counts"],
    /** Changes known to be planned although the repository could not be read: left. */
    readonly undone = 0,
  ) {
    super(message);
  }
}
