/**
 * open-pr's GraphQL documents. One query reads everything the plan needs (the base, the
 * change's branch and how far it is ahead, the pull request, and the base's blob of every
 * file the change touches); one mutation makes or replaces the branch's one commit.
 */

/** How many pull requests for the branch are read: the newest few, open or closed. */
const PULLS_READ = 5;
/** Comments read per pull request: enough to find fleet's own closing comment. */
const COMMENTS_READ = 30;

const COMPARE_AND_TARGET = `name target { oid } compare(headRef: $branch) { aheadBy }`;

/** The read; `$paths` aliases are appended by `stateQuery` (one `object` per changed file). */
export function stateQuery(pathCount: number): string {
  const blobVars = Array.from({ length: pathCount }, (_, i) => `, $p${i}: String!`).join("");
  const blobs = Array.from(
    { length: pathCount },
    (_, i) => `p${i}: object(expression: $p${i}) { ... on Blob { oid } }`,
  ).join("\n    ");
  return `query OpenPrState($owner: String!, $name: String!, $branch: String!, $qualifiedBranch: String!, $base: String!, $hasBase: Boolean!${blobVars}) {
  repository(owner: $owner, name: $name) {
    id
    nameWithOwner
    isArchived
    defaultBranchRef @skip(if: $hasBase) { ${COMPARE_AND_TARGET} }
    baseRef: ref(qualifiedName: $base) @include(if: $hasBase) { ${COMPARE_AND_TARGET} }
    headRef: ref(qualifiedName: $qualifiedBranch) {
      id
      target {
        oid
        ... on Commit { message signature { wasSignedByGitHub } }
      }
    }
    pullRequests(headRefName: $branch, first: ${PULLS_READ}, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes {
        id
        number
        state
        title
        body
        isDraft
        headRefOid
        headRepository { nameWithOwner }
        labels(first: 100) { nodes { name } }
        assignees(first: 100) { nodes { login } }
        reviewRequests(first: 100) { nodes { requestedReviewer { ... on User { login } ... on Team { slug } } } }
        latestReviews(first: 100) { nodes { author { login } } }
        comments(last: ${COMMENTS_READ}) { nodes { body } }
      }
    }
    ${blobs}
  }
}`;
}

/** The answer of `stateQuery`. */
export interface StateAnswer {
  repository: {
    id: string;
    nameWithOwner: string;
    isArchived: boolean;
    defaultBranchRef?: BaseAnswer | null;
    baseRef?: BaseAnswer | null;
    headRef: {
      id: string;
      target: { oid: string; message?: string; signature?: { wasSignedByGitHub: boolean } | null };
    } | null;
    pullRequests: { nodes: PullAnswer[] };
    [blob: `p${number}`]: { oid?: string } | null;
  } | null;
}

export interface BaseAnswer {
  name: string;
  target: { oid: string };
  compare: { aheadBy: number } | null;
}

export interface PullAnswer {
  id: string;
  number: number;
  state: "OPEN" | "CLOSED" | "MERGED";
  title: string;
  body: string;
  isDraft: boolean;
  headRefOid: string;
  headRepository: { nameWithOwner: string } | null;
  labels: { nodes: { name: string }[] };
  assignees: { nodes: { login: string }[] };
  reviewRequests: { nodes: { requestedReviewer: { login?: string; slug?: string } | null }[] };
  latestReviews: { nodes: { author: { login: string } | null }[] };
  comments: { nodes: { body: string }[] };
}

/**
 * Points the branch at the base (creating it, or resetting it with force) and commits the
 * change on it, in one request: GitHub runs a document's mutations in order, so the commit
 * sees the branch the first one left. `expectedHeadOid` makes the commit land only on that
 * base: a rerun racing this one, or a person pushing meanwhile, makes it fail, never stack.
 */
export function commitMutation(branch: "create" | "reset"): string {
  const point =
    branch === "create"
      ? `point: createRef(input: { repositoryId: $repositoryId, name: $qualifiedBranch, oid: $baseOid }) { ref { id } }`
      : `point: updateRef(input: { refId: $refId, oid: $baseOid, force: true }) { ref { id } }`;
  const refVars =
    branch === "create" ? "$repositoryId: ID!, $qualifiedBranch: String!" : "$refId: ID!";
  return `mutation OpenPrCommit(${refVars}, $baseOid: GitObjectID!, $commit: CreateCommitOnBranchInput!) {
  ${point}
  commit: createCommitOnBranch(input: $commit) { commit { oid } }
}`;
}

/** The answer of `commitMutation`. */
export interface CommitAnswer {
  point: { ref: { id: string } } | null;
  commit: { commit: { oid: string } } | null;
}

/** Turns a pull request into a draft, or marks it ready for review. */
export function draftMutation(draft: boolean): string {
  const field = draft ? "convertPullRequestToDraft" : "markPullRequestReadyForReview";
  return `mutation OpenPrDraft($id: ID!) { ${field}(input: { pullRequestId: $id }) { pullRequest { isDraft } } }`;
}
