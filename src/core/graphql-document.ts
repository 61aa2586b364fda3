import { Kind, parse, type OperationDefinitionNode } from "graphql";

/** Whether a request is GraphQL's single endpoint (`/graphql`, `/api/graphql` on GHES). */
export const isGraphqlRequest = (method: string, url: URL) =>
  method.toUpperCase() === "POST" && /\/graphql$/.test(url.pathname);

/**
 * The mutation fields a GraphQL request body asks for (one per alias), 0 for a query. A
 * document GitHub cannot parse is refused without running anything, so it changes nothing.
 */
export function mutationFieldCount(body: string | undefined): number {
  const query = body ? (JSON.parse(body) as { query?: unknown }).query : undefined;
  if (typeof query !== "string") return 0;
  let document;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof Error && error.name === "GraphQLError") return 0;
    throw error;
  }
  return document.definitions
    .filter(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && d.operation === "mutation",
    )
    .reduce((n, d) => n + d.selectionSet.selections.length, 0);
}
