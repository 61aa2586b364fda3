/**
 * Moving a branch, whichever API asks: the checks GitHub makes before it (fast-forward,
 * branch rules) and what follows (open pull requests from that branch see the new head).
 */
import { ruleViolationMessage, ruleViolations, type BranchPush } from "./branch-rules.ts";
import { isAncestor } from "./commit-graph.ts";
import type { SimRepo } from "./state.ts";

/** Why a push is refused: a rule (with GitHub's whole message), or an update that is not a fast-forward. */
export type PushRefusal = { kind: "rules"; message: string } | { kind: "not-fast-forward" };

/**
 * Why `push` may not happen, or undefined. Without `force` an update must be a fast-forward
 * (as git refuses otherwise); rules apply to every push, forced or not.
 */
export function pushRefusal(
  repo: SimRepo,
  push: BranchPush,
  options: { force?: boolean } = {},
): PushRefusal | undefined {
  if (
    !options.force &&
    push.from !== null &&
    push.to !== null &&
    !isAncestor(repo, push.from, push.to)
  )
    return { kind: "not-fast-forward" };
  const lines = ruleViolations(repo, push);
  return lines.length > 0 ? { kind: "rules", message: ruleViolationMessage(lines) } : undefined;
}

/**
 * Points a branch at a stored commit (creating it when missing), or deletes it when `to` is
 * null. Callers check `pushRefusal` first.
 */
export function applyPush(repo: SimRepo, branch: string, to: string | null): void {
  if (to === null) {
    repo.branches.delete(branch);
    return;
  }
  const files = repo.commits.get(to);
  if (!files) throw new Error(`${repo.full_name} has no commit ${to}`);
  const existing = repo.branches.get(branch);
  if (existing) {
    existing.sha = to;
    existing.files = files;
  } else repo.branches.set(branch, { sha: to, files });
  syncPullHeads(repo, branch);
}

/** Open pull requests whose head is `branch` follow its new head, as GitHub updates them on push. */
export function syncPullHeads(repo: SimRepo, branch: string): void {
  const head = repo.branches.get(branch);
  if (!head) return;
  for (const issue of repo.issues)
    if (issue.pull && issue.state === "open" && issue.pull.head === branch)
      issue.pull.head_sha = head.sha;
}
