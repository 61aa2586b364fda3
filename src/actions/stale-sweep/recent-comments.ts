import type { FleetClient } from "../../core/client.ts";
import type { RepoRef } from "../../core/repository.ts";

/**
 * How old the last look at the repository's new comments may be when a comment is about to be
 * posted. A sweep posts at GitHub's pace for content (80 a minute at most), so a look serves
 * about a dozen posts: one read per window instead of one per post, and a sweep started by
 * another caller meanwhile is seen within this long. Two sweeps that both post inside one
 * window are settled afterwards (the later copy is taken back).
 */
export const FRESH_MS = 10_000;

/** Margin for the difference between this machine's clock and GitHub's. */
const CLOCK_MARGIN_MS = 5 * 60_000;

interface Seen {
  issue: number;
  body: string;
  createdAt: number;
}

/**
 * The comments made on the repository's issues since the sweep read it: one listing of the
 * repository's comments (usually one short page), read again once it is older than FRESH_MS.
 * Comments from before the read are in the plan already.
 */
export function recentComments(client: FleetClient, repo: RepoRef, readAt: number) {
  let last: { at: number; comments: Seen[] } | undefined;
  const list = async (): Promise<Seen[]> => {
    const comments = await client.paginate(client.rest.issues.listCommentsForRepo, {
      owner: repo.owner,
      repo: repo.repo,
      since: new Date(readAt - CLOCK_MARGIN_MS).toISOString(),
      per_page: 100,
    });
    return comments.map((c) => ({
      issue: Number(/\/issues\/(\d+)$/.exec(c.issue_url)?.[1]),
      body: c.body ?? "",
      createdAt: Date.parse(c.created_at),
    }));
  };
  return {
    /**
     * Whether a comment holding `mark` was made on issue `issue` at or after `since` (a time the
     * server stamped). `fresh` reads again whatever the last look's age: after a lost answer,
     * whether our own post landed is not something an older look can tell.
     */
    async has(issue: number, mark: string, since: number, fresh = false): Promise<boolean> {
      if (fresh || !last || performance.now() - last.at > FRESH_MS)
        last = { at: performance.now(), comments: await list() };
      return last.comments.some(
        (c) => c.issue === issue && c.createdAt >= since && c.body.includes(mark),
      );
    },
  };
}
