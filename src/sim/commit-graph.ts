/**
 * The commit graph of a repository, walked through each commit's parents: ancestry (is an
 * update a fast-forward?) and how far two commits have diverged (a Ref's `compare`, "No
 * commits between" for a pull request).
 */
import type { SimRepo } from "./state.ts";

/** Every commit reachable from `oid` through parents, `oid` included. */
export function ancestors(repo: SimRepo, oid: string): Set<string> {
  const seen = new Set<string>();
  const stack = [oid];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const parent of repo.commitInfo.get(next)?.parents ?? []) stack.push(parent);
  }
  return seen;
}

/** Whether `ancestor` is `descendant` or one of its ancestors (moving to it is a fast-forward). */
export function isAncestor(repo: SimRepo, ancestor: string, descendant: string): boolean {
  return ancestors(repo, descendant).has(ancestor);
}

/** The status GitHub's Comparison reports (`ComparisonStatus`). */
export type ComparisonStatus = "IDENTICAL" | "AHEAD" | "BEHIND" | "DIVERGED";

/**
 * How `head` compares with `base`: commits reachable from head but not base (ahead), and
 * the other way round (behind), as `git rev-list --left-right --count base...head` counts.
 */
export function compareCommits(
  repo: SimRepo,
  base: string,
  head: string,
): { aheadBy: number; behindBy: number; status: ComparisonStatus } {
  const fromBase = ancestors(repo, base);
  const fromHead = ancestors(repo, head);
  let aheadBy = 0;
  for (const oid of fromHead) if (!fromBase.has(oid)) aheadBy++;
  let behindBy = 0;
  for (const oid of fromBase) if (!fromHead.has(oid)) behindBy++;
  const status: ComparisonStatus =
    aheadBy === 0 && behindBy === 0
      ? "IDENTICAL"
      : behindBy === 0
        ? "AHEAD"
        : aheadBy === 0
          ? "BEHIND"
          : "DIVERGED";
  return { aheadBy, behindBy, status };
}
