import { applyPush, pushRefusal, syncPullHeads } from "../push.ts";
import { commitFiles, tokenCanSee, webCommitOptions, type SimRepo } from "../state.ts";
import { commitView } from "./commit-view.ts";
import type { GraphqlContext } from "./context.ts";
import { githubError, notFound, unknownNode } from "./errors.ts";
import { applyFileChanges, type FileChangesInput } from "./file-changes.ts";
import { requirePermission, requireWritable, visibleRepo } from "./permissions.ts";
import { branchRefView, refFromNodeId } from "./ref-view.ts";

const HEADS = "refs/heads/";

interface Mutation {
  clientMutationId?: string | null;
}

/** The repository with this node id, if the token may see it. */
function repoByNodeId(ctx: GraphqlContext, id: string): SimRepo {
  for (const repo of ctx.state.repos.values())
    if (repo.node_id === id && tokenCanSee(ctx.token, repo.full_name)) return repo;
  throw unknownNode(id);
}

/** The branch a Ref node id names, in a repository the token may see. */
function branchByNodeId(ctx: GraphqlContext, id: string): { repo: SimRepo; branch: string } {
  const ref = refFromNodeId(id);
  const repo =
    ref === undefined ? undefined : [...ctx.state.repos.values()].find((r) => r.id === ref.repoId);
  if (!ref || !repo || !tokenCanSee(ctx.token, repo.full_name) || !repo.branches.has(ref.branch))
    throw unknownNode(id);
  return { repo, branch: ref.branch };
}

/** A repository's content may change: contents write, and not archived. */
function writable(ctx: GraphqlContext, repo: SimRepo): void {
  requirePermission(ctx, "contents", "write");
  requireWritable(repo);
}

/**
 * Refuses a push the way GitHub's GraphQL does: rule violations with the message REST gives
 * (see branch-rules.ts); an update that is not a fast-forward with REST's "Update is not a
 * fast forward". Both as UNPROCESSABLE: the type GitHub gives rulesets' refusals here is not
 * published, only that it differs from classic protection's BRANCH_PROTECTION_RULE_VIOLATION
 * (Thinkmill/keystatic#1598).
 */
function refuse(repo: SimRepo, push: Parameters<typeof pushRefusal>[1], force: boolean): void {
  const refused = pushRefusal(repo, push, { force });
  if (refused?.kind === "not-fast-forward")
    throw githubError("UNPROCESSABLE", "Update is not a fast forward");
  if (refused?.kind === "rules") throw githubError("UNPROCESSABLE", refused.message);
}

function existingCommit(repo: SimRepo, oid: string): void {
  if (!repo.commits.has(oid))
    throw githubError("UNPROCESSABLE", `Could not resolve to a commit with the oid '${oid}'.`);
}

interface CommitOnBranchInput extends Mutation {
  branch: {
    repositoryNameWithOwner?: string | null;
    branchName?: string | null;
    id?: string | null;
  };
  expectedHeadOid: string;
  message: { headline: string; body?: string | null };
  fileChanges?: FileChangesInput | null;
}

/** The branch `createCommitOnBranch` names, by Ref id or by repository and branch name. */
function committableBranch(ctx: GraphqlContext, input: CommitOnBranchInput["branch"]) {
  if (input.id) return branchByNodeId(ctx, input.id);
  const nameWithOwner = input.repositoryNameWithOwner ?? "";
  const slash = nameWithOwner.indexOf("/");
  if (!input.branchName || slash < 0)
    throw githubError(
      "UNPROCESSABLE",
      "A branch takes either `id` or both `repositoryNameWithOwner` (owner/name) and `branchName`.",
    );
  const repo = visibleRepo(ctx, nameWithOwner.slice(0, slash), nameWithOwner.slice(slash + 1));
  const branch = input.branchName.replace(/^refs\/heads\//, "");
  if (!repo.branches.has(branch))
    throw notFound(`Could not resolve to a Ref with the name '${HEADS}${branch}'.`);
  return { repo, branch };
}

/** Branch mutations and `createCommitOnBranch`; each takes `input` and answers its payload. */
export const gitMutations = {
  /** A new branch at a commit; `name` is fully qualified (`refs/heads/...`). */
  createRef(
    { input }: { input: Mutation & { repositoryId: string; name: string; oid: string } },
    ctx: GraphqlContext,
  ) {
    const repo = repoByNodeId(ctx, input.repositoryId);
    writable(ctx, repo);
    if (!input.name.startsWith(HEADS) || input.name.length === HEADS.length)
      throw githubError(
        "UNPROCESSABLE",
        `Reference ${input.name}: the simulator stores branches only (allowed: refs/heads/<branch>).`,
      );
    const branch = input.name.slice(HEADS.length);
    if (repo.branches.has(branch))
      throw githubError(
        "UNPROCESSABLE",
        `A ref named "${input.name}" already exists in the repository.`,
      );
    existingCommit(repo, input.oid);
    refuse(repo, { branch, from: null, to: input.oid }, false);
    applyPush(repo, branch, input.oid);
    return {
      clientMutationId: input.clientMutationId ?? null,
      ref: branchRefView(ctx, repo, branch),
    };
  },

  /** Moves a branch; without `force` only forward. */
  updateRef(
    { input }: { input: Mutation & { refId: string; oid: string; force?: boolean | null } },
    ctx: GraphqlContext,
  ) {
    const { repo, branch } = branchByNodeId(ctx, input.refId);
    writable(ctx, repo);
    existingCommit(repo, input.oid);
    const from = repo.branches.get(branch)?.sha ?? null;
    refuse(repo, { branch, from, to: input.oid }, input.force === true);
    applyPush(repo, branch, input.oid);
    return {
      clientMutationId: input.clientMutationId ?? null,
      ref: branchRefView(ctx, repo, branch),
    };
  },

  /** Deletes a branch. */
  deleteRef({ input }: { input: Mutation & { refId: string } }, ctx: GraphqlContext) {
    const { repo, branch } = branchByNodeId(ctx, input.refId);
    writable(ctx, repo);
    refuse(repo, { branch, from: repo.branches.get(branch)?.sha ?? null, to: null }, true);
    applyPush(repo, branch, null);
    return { clientMutationId: input.clientMutationId ?? null };
  },

  /**
   * Appends a commit to a branch, as the schema's description of the mutation says: authored
   * by the token's account, committed like web commits and signed by GitHub, its parent the
   * branch's head, which must be `expectedHeadOid`. A stale head answers STALE_DATA with
   * GitHub's "Expected branch to point to "<oid>" but it did not.  Pull and try again." (two
   * spaces, as clients that match on it quote it).
   */
  createCommitOnBranch({ input }: { input: CommitOnBranchInput }, ctx: GraphqlContext) {
    requirePermission(ctx, "contents", "write");
    const { repo, branch: name } = committableBranch(ctx, input.branch);
    writable(ctx, repo);
    const branch = repo.branches.get(name);
    if (!branch) throw notFound(`Could not resolve to a Ref with the name '${HEADS}${name}'.`);
    if (branch.sha !== input.expectedHeadOid)
      throw githubError(
        "STALE_DATA",
        `Expected branch to point to "${input.expectedHeadOid}" but it did not.  Pull and try again.`,
      );
    if (input.message.headline.trim() === "")
      throw githubError("UNPROCESSABLE", "A commit message headline is required.");
    const files = applyFileChanges(branch.files, input.fileChanges, branch.sha);
    // The new commit descends from the head, so only an `update` rule can refuse it.
    refuse(repo, { branch: name, from: branch.sha, to: branch.sha }, false);
    const body = input.message.body ?? "";
    const message = body === "" ? input.message.headline : `${input.message.headline}\n\n${body}`;
    const at = ctx.at();
    const oid = commitFiles(repo, branch, files, message, webCommitOptions(ctx.token.login, at));
    syncPullHeads(repo, name);
    repo.updated_at = at;
    return {
      clientMutationId: input.clientMutationId ?? null,
      commit: commitView(ctx, repo, oid, files),
      ref: branchRefView(ctx, repo, name),
    };
  },
};
