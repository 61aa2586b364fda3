import { getOperationAST, Kind, parse } from "graphql";

/**
 * Mutations that create content (a board item, a draft issue, a comment, an issue), which
 * GitHub's content-creation limits (80 a minute, 500 an hour) count. Whether each alias of a
 * batched request counts is undocumented; the simulator takes the safe reading: each does.
 */
const CONTENT_MUTATIONS = new Set([
  "addProjectV2ItemById",
  "addProjectV2DraftIssue",
  "addComment",
  "addDiscussionComment",
  "createIssue",
  "createDiscussion",
  "createPullRequest",
]);

/** What a GraphQL request is, as far as routing, limits and faults need to know before running it. */
export interface PeekedOperation {
  /** The operation's name (`query Issues {...}` -> `Issues`), if it has one. */
  name?: string;
  mutation: boolean;
  /** Top-level mutation fields that create content, each alias counted. */
  contentCreating?: number;
}

/**
 * Reads the operation out of a GraphQL request body without executing it. A body that does
 * not parse counts as an unnamed query; the GraphQL handler reports the error itself.
 */
export function peekOperation(body: unknown): PeekedOperation {
  if (body === null || typeof body !== "object") return { mutation: false };
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== "string") return { mutation: false };
  const wanted = typeof operationName === "string" ? operationName : undefined;
  let operation;
  try {
    operation = getOperationAST(parse(query), wanted);
  } catch (error) {
    if (error instanceof Error && error.name === "GraphQLError") return { mutation: false };
    throw error;
  }
  const name = operation?.name?.value ?? wanted;
  if (operation?.operation !== "mutation") return { name, mutation: false };
  const fields = operation.selectionSet.selections.flatMap((s) =>
    s.kind === Kind.FIELD ? [s.name.value] : [],
  );
  return {
    name,
    mutation: true,
    contentCreating: fields.filter((f) => CONTENT_MUTATIONS.has(f)).length,
  };
}
