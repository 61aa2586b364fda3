import { GraphQLError, parse, type DocumentNode } from "graphql";

/** A POST /graphql body after the checks GitHub makes before parsing the query. */
export interface GraphqlBody {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

/** Reads `{query, variables, operationName}`; a string means the message GitHub answers with. */
export function readBody(body: unknown): GraphqlBody | string {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof body !== "object" || typeof b.query !== "string")
    return "A query attribute must be specified and must be a string.";
  let variables = b.variables ?? {};
  if (typeof variables === "string") {
    try {
      variables = variables.trim() === "" ? {} : JSON.parse(variables);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return "Variables are invalid JSON.";
    }
  }
  if (variables === null || typeof variables !== "object" || Array.isArray(variables))
    return "Variables are invalid JSON.";
  const operationName = typeof b.operationName === "string" ? b.operationName : undefined;
  return { query: b.query, variables: variables as Record<string, unknown>, operationName };
}

/** The document, or the syntax error GitHub would report. */
export function parseDocument(query: string): DocumentNode | GraphQLError {
  try {
    return parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
}
