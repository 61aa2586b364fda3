import { execute, getOperationAST, getVariableValues, GraphQLError, validate } from "graphql";
import { peekOperation } from "../peek-operation.ts";
import type { RateState } from "../rate-limit.ts";
import type { SimClock, SimState, SimToken } from "../state.ts";
import { createContext } from "./context.ts";
import { queryCost } from "./cost.ts";
import { toGithubJson, type GithubErrorJson } from "./errors.ts";
import { mutationRoot } from "./mutations.ts";
import { queryRoot } from "./query-root.ts";
import { parseDocument, readBody } from "./request-body.ts";
import { resolveField } from "./resolve-field.ts";
import { githubSchema } from "./schema.ts";
import { validationErrorsJson } from "./validation-errors.ts";

export { githubSchema } from "./schema.ts";

/** A GraphQL request as the server hands it over. */
export interface GraphqlRequest {
  body: unknown;
  token: SimToken;
  state: SimState;
  clock: SimClock;
  /**
   * The token's GraphQL budget before this request (`limiter.primary(token, "graphql")`),
   * for `rateLimit { remaining used resetAt }`; without it the request opens a fresh window.
   */
  rate?: RateState;
}

/** The answer: HTTP status and JSON body, the rate-limit points it costs, and what it was. */
export interface GraphqlResponse {
  status: number;
  body: unknown;
  cost: number;
  mutating: boolean;
  operation?: string;
}

/**
 * Answers POST /graphql against GitHub's public schema. Like GitHub, every answer is HTTP 200:
 * a document the schema rejects gets `errors` and no `data`; an error while resolving gets an
 * entry with its `type` and `path` next to `data` holding null there, and the rest resolves.
 * Mutation fields run in document order, so aliased mutations apply one after another.
 */
export async function handleGraphql(req: GraphqlRequest): Promise<GraphqlResponse> {
  const { name: operation, mutation: mutating } = peekOperation(req.body);
  const answer = (body: unknown, cost = 1): GraphqlResponse => ({
    status: 200,
    body,
    cost,
    mutating,
    operation,
  });
  const fail = (errors: GithubErrorJson[]) => answer({ errors });

  const read = readBody(req.body);
  if (typeof read === "string") return fail([{ message: read }]);
  const document = parseDocument(read.query);
  if (document instanceof GraphQLError) return fail([toGithubJson(document)]);
  const schema = await githubSchema();
  const invalid = validate(schema, document);
  if (invalid.length > 0) return fail(validationErrorsJson(document, invalid));

  const op = getOperationAST(document, read.operationName);
  if (!op)
    return fail([
      {
        message:
          read.operationName === undefined
            ? "An operation name is required"
            : `No operation named "${read.operationName}"`,
      },
    ]);
  const coerced = getVariableValues(schema, op.variableDefinitions ?? [], read.variables);
  if (coerced.errors) return fail(coerced.errors.map(toGithubJson));
  const cost = queryCost(schema, document, op, coerced.coerced);
  if (cost.errors.length > 0) return fail(cost.errors.map(toGithubJson));

  const contextValue = createContext({
    state: req.state,
    token: req.token,
    clock: req.clock,
    cost: cost.cost,
    nodeCount: cost.nodeCount,
    rate: req.rate,
  });
  const result = await execute({
    schema,
    document,
    rootValue: op.operation === "mutation" ? mutationRoot : queryRoot,
    contextValue,
    variableValues: read.variables,
    operationName: op.name?.value,
    fieldResolver: resolveField,
  });
  const body: { data?: unknown; errors?: GithubErrorJson[] } = { data: result.data ?? null };
  if (result.errors?.length) body.errors = result.errors.map(toGithubJson);
  return answer(body, cost.cost);
}
