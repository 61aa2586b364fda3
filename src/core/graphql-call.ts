import type { FleetClient } from "./client.ts";
import { ApiError, classifyError, type ErrorContext } from "./errors.ts";

/** One entry of a GraphQL response's `errors`, as GitHub writes it. */
export interface GraphqlErrorEntry {
  type?: string;
  message: string;
  /** Where in `data` it happened: the alias of a failed mutation, for instance. */
  path?: (string | number)[];
}

/** A GraphQL answer: what resolved, and the errors next to it (GitHub answers both at once). */
export interface GraphqlAnswer<T> {
  data: T | null;
  errors: GraphqlErrorEntry[];
}

interface Thrown {
  message?: string;
  status?: number;
  errors?: GraphqlErrorEntry[];
  data?: unknown;
  headers?: Record<string, string>;
  response?: { headers?: Record<string, string>; data?: unknown };
}

/** The `errors` of a response body, when it has some. */
function bodyErrors(body: unknown): GraphqlErrorEntry[] | undefined {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) ? (errors as GraphqlErrorEntry[]) : undefined;
}

/**
 * An ApiError for GraphQL errors: NOT_FOUND, FORBIDDEN and RATE_LIMITED keep their kind; any
 * other (a rejected query, UNPROCESSABLE) is `invalid`, with every message kept.
 */
export function graphqlError(
  errors: readonly GraphqlErrorEntry[],
  context: ErrorContext = {},
  headers?: Record<string, string>,
): ApiError {
  const message = errors.map((e) => e.message).join("; ");
  const classified = classifyError(
    { errors: [...errors], message, response: { headers } },
    context,
  );
  if (classified.kind !== "network") return classified;
  const where = [context.doing, context.repository].filter(Boolean).join(" on ");
  return new ApiError("invalid", undefined, `${where ? `${where}: ` : ""}${message}`);
}

/**
 * Sends one GraphQL request. Errors of single fields come back next to the data that did
 * resolve (aliased mutations each succeed or fail on their own); a request refused as a whole
 * (HTTP error after retries, network, RATE_LIMITED) throws an ApiError that says why.
 */
export async function graphqlCall<T>(
  client: FleetClient,
  query: string,
  variables: Record<string, unknown>,
  context: ErrorContext = {},
): Promise<GraphqlAnswer<T>> {
  try {
    return { data: await client.graphql<T>(query, variables), errors: [] };
  } catch (error) {
    const e = (error ?? {}) as Thrown;
    // Octokit's GraphqlResponseError: answered with HTTP 200 and `errors`, maybe some data.
    const answered = e.status === undefined && Array.isArray(e.errors);
    const errors = answered ? e.errors! : bodyErrors(e.data ?? e.response?.data);
    if (answered && !errors!.some((x) => x.type === "RATE_LIMITED"))
      return { data: (e.data as T | null | undefined) ?? null, errors: errors! };
    if (errors?.some((x) => x.type === "RATE_LIMITED"))
      throw graphqlError(errors, context, e.headers ?? e.response?.headers);
    throw classifyError(error, context);
  }
}

/** Sends one GraphQL query whose every part must resolve; any error throws an ApiError. */
export async function graphqlQuery<T>(
  client: FleetClient,
  query: string,
  variables: Record<string, unknown>,
  context: ErrorContext = {},
): Promise<T> {
  const answer = await graphqlCall<T>(client, query, variables, context);
  if (answer.errors.length > 0) throw graphqlError(answer.errors, context);
  if (answer.data === null)
    throw graphqlError([{ message: "the answer had neither data nor errors" }], context);
  return answer.data;
}
