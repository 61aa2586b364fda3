import { findIssueByNodeId, tokenCanSee } from "../state.ts";
import type { GraphqlContext } from "./context.ts";
import { unknownNode } from "./errors.ts";
import { issueView } from "./issue-view.ts";
import { requirePermission, requireWritable } from "./permissions.ts";

interface PullInput {
  clientMutationId?: string | null;
  pullRequestId: string;
}

/** Sets a pull request's draft flag; pull_requests write, in a writable repository. */
function setDraft(ctx: GraphqlContext, input: PullInput, draft: boolean) {
  requirePermission(ctx, "pull_requests", "write");
  const ref = findIssueByNodeId(ctx.state, input.pullRequestId);
  if (!ref?.issue.pull || !tokenCanSee(ctx.token, ref.repo.full_name))
    throw unknownNode(input.pullRequestId);
  requireWritable(ref.repo);
  if (ref.issue.pull.draft !== draft) {
    ref.issue.pull.draft = draft;
    ref.issue.updated_at = ctx.at();
  }
  return {
    clientMutationId: input.clientMutationId ?? null,
    pullRequest: issueView(ctx, ref.repo, ref.issue),
  };
}

/** Draft state changes of pull requests. */
export const pullMutations = {
  convertPullRequestToDraft({ input }: { input: PullInput }, ctx: GraphqlContext) {
    return setDraft(ctx, input, true);
  },
  markPullRequestReadyForReview({ input }: { input: PullInput }, ctx: GraphqlContext) {
    return setDraft(ctx, input, false);
  },
};
