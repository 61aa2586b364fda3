import { compareCommits } from "../commit-graph.ts";
import type { SimRepo } from "../state.ts";
import { commitView } from "./commit-view.ts";
import type { GraphqlContext } from "./context.ts";
import { derivedNodeId } from "./ids.ts";
import { repositoryView } from "./repository-view.ts";
import type { View } from "./resolve-field.ts";

const HEADS = "refs/heads/";

/** The node id of branch `branch` of `repo`; `refFromNodeId` reads it back. */
export function refNodeId(repo: SimRepo, branch: string): string {
  return derivedNodeId("REF", `${repo.id}:${HEADS}${branch}`);
}

/** The repository id and branch a Ref's node id names, or undefined for any other id. */
export function refFromNodeId(id: string): { repoId: number; branch: string } | undefined {
  const m = /^REF_kwDO(.+)$/.exec(id);
  if (!m) return undefined;
  const text = Buffer.from(m[1] ?? "", "base64url").toString("utf8");
  const parts = /^fleet-sim:(\d+):refs\/heads\/(.+)$/.exec(text);
  return parts ? { repoId: Number(parts[1]), branch: parts[2] ?? "" } : undefined;
}

/** Branch `branch` as a Ref, or null when the repository has no such branch. */
export function branchRefView(ctx: GraphqlContext, repo: SimRepo, branch: string): View | null {
  const head = repo.branches.get(branch);
  if (!head) return null;
  return {
    __typename: "Ref",
    id: refNodeId(repo, branch),
    name: branch,
    prefix: HEADS,
    target: () => commitView(ctx, repo, head.sha, head.files),
    repository: () => repositoryView(ctx, repo),
    // How another branch compares with this one (the base), counted over the commit graph;
    // null when that branch does not exist.
    compare: (args: { headRef: string }) => {
      const name = args.headRef.replace(/^refs\/heads\//, "");
      const other = repo.branches.get(name);
      if (!other) return null;
      const { aheadBy, behindBy, status } = compareCommits(repo, head.sha, other.sha);
      return {
        __typename: "Comparison",
        id: derivedNodeId("CMP", `${repo.id}:${head.sha}...${other.sha}`),
        aheadBy,
        behindBy,
        status,
        baseTarget: () => commitView(ctx, repo, head.sha, head.files),
        headTarget: () => commitView(ctx, repo, other.sha, other.files),
      };
    },
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
