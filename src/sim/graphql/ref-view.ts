import type { SimFile, SimRepo } from "../state.ts";
import type { GraphqlContext } from "./context.ts";
import { treeView } from "./git-object-view.ts";
import { derivedNodeId } from "./ids.ts";
import { requirePermission } from "./permissions.ts";
import { repositoryView } from "./repository-view.ts";
import type { View } from "./resolve-field.ts";
import { webLocation } from "./web.ts";

const HEADS = "refs/heads/";

/**
 * A commit. The model keeps a commit's files but not its message, author or parents, so a
 * Commit has its oid and tree; its oid is what a branch points at, as REST's refs report.
 */
function commitView(
  ctx: GraphqlContext,
  repo: SimRepo,
  oid: string,
  files: Map<string, SimFile>,
): View {
  return {
    __typename: "Commit",
    id: derivedNodeId("C", `${repo.id}:${oid}`),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    ...webLocation(`/${repo.full_name}/commit/${oid}`),
    repository: () => repositoryView(ctx, repo),
    // The files need contents access; a branch's head oid only needs to see the repository.
    tree: () => {
      requirePermission(ctx, "contents", "read");
      return treeView(ctx, repo, files, "");
    },
  };
}

/** Branch `branch` as a Ref, or null when the repository has no such branch. */
export function branchRefView(ctx: GraphqlContext, repo: SimRepo, branch: string): View | null {
  const head = repo.branches.get(branch);
  if (!head) return null;
  return {
    __typename: "Ref",
    id: derivedNodeId("REF", `${repo.id}:${HEADS}${branch}`),
    name: branch,
    prefix: HEADS,
    target: () => commitView(ctx, repo, head.sha, head.files),
    repository: () => repositoryView(ctx, repo),
  };
}

/**
 * `Repository.ref(qualifiedName:)`: `refs/heads/main` or just `main`. The model has branches
 * only, so any other `refs/…` name is null, as a missing ref is on GitHub.
 */
export function qualifiedRefView(ctx: GraphqlContext, repo: SimRepo, qualifiedName: string) {
  if (qualifiedName.startsWith(HEADS))
    return branchRefView(ctx, repo, qualifiedName.slice(HEADS.length));
  return qualifiedName.startsWith("refs/") ? null : branchRefView(ctx, repo, qualifiedName);
}
