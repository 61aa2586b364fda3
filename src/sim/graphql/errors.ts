import { GraphQLError, type ASTNode } from "graphql";

/** The `type` GitHub puts on a GraphQL error. */
export type GithubErrorType =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "UNPROCESSABLE"
  | "STALE_DATA"
  | "MISSING_PAGINATION_BOUNDARIES"
  | "EXCESSIVE_PAGINATION"
  | "MAX_NODE_LIMIT_EXCEEDED"
  | "INVALID_CURSOR_ARGUMENTS";

/** An error as GitHub writes it in a response's `errors` list. */
export interface GithubErrorJson {
  type?: GithubErrorType;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
  locations?: { line: number; column: number }[];
  message: string;
}

/** A resolver error that GitHub would answer with this `type` and message. */
export function githubError(
  type: GithubErrorType,
  message: string,
  where: { nodes?: ASTNode | readonly ASTNode[]; path?: readonly (string | number)[] } = {},
): GraphQLError {
  return new GraphQLError(message, { ...where, extensions: { type } });
}

/** NOT_FOUND with GitHub's "Could not resolve to ..." wording. */
export function notFound(message: string): GraphQLError {
  return githubError("NOT_FOUND", message);
}

/** What GitHub answers when an installation token lacks the permission. */
export function notAccessible(): GraphQLError {
  return githubError("FORBIDDEN", "Resource not accessible by integration");
}

/** NOT_FOUND for a global id that does not exist or that the token may not see. */
export function unknownNode(id: string): GraphQLError {
  return notFound(`Could not resolve to a node with the global id of '${id}'`);
}

/**
 * An error thrown by a resolver that is not one of ours is a bug in the simulator; it is
 * reported the way GitHub reports its own failures, with the cause kept so it is not hidden.
 */
function internalMessage(error: GraphQLError): string {
  const cause = error.originalError;
  if (cause && !(cause instanceof GraphQLError))
    return `Something went wrong while executing your query. (simulator: ${cause.message})`;
  return error.message;
}

/** A graphql-js error in the shape GitHub sends: `type` at the top, then path and locations. */
export function toGithubJson(error: GraphQLError): GithubErrorJson {
  const { type, ...rest } = (error.extensions ?? {}) as { type?: GithubErrorType };
  const json: GithubErrorJson = { message: internalMessage(error) };
  if (type) json.type = type;
  if (error.path) json.path = [...error.path];
  if (Object.keys(rest).length > 0) json.extensions = rest;
  if (error.locations) json.locations = error.locations.map((l) => ({ ...l }));
  return json;
}
