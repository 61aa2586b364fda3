import { getOperationAST, parse } from "graphql";

/** What a GraphQL request is, as far as routing, limits and faults need to know before running it. */
export interface PeekedOperation {
  /** The operation's name (`query Issues {...}` -> `Issues`), if it has one. */
  name?: string;
  mutation: boolean;
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
  return { name: operation?.name?.value ?? wanted, mutation: operation?.operation === "mutation" };
}
