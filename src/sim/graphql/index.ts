import type { SimClock, SimState, SimToken } from "../state.ts";

/** A GraphQL request as the server hands it over. */
export interface GraphqlRequest {
  body: unknown;
  token: SimToken;
  state: SimState;
  clock: SimClock;
}

/** The answer: HTTP status and JSON body, the rate-limit points it costs, and what it was. */
export interface GraphqlResponse {
  status: number;
  body: unknown;
  cost: number;
  mutating: boolean;
  operation?: string;
}

/** Answers POST /graphql. */
export async function handleGraphql(req: GraphqlRequest): Promise<GraphqlResponse> {
  void req;
  return {
    status: 200,
    body: { errors: [{ message: "GraphQL is not available in this build of the simulator" }] },
    cost: 1,
    mutating: false,
  };
}
