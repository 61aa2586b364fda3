import { isGraphqlRequest, mutationFieldCount } from "./graphql-document.ts";

/** Adding labels to an issue is a POST, but a label already on it is left as it is. */
const ADDS_TO_A_SET = /\/repos\/[^/]+\/[^/]+\/issues\/\d+\/labels$/;

/**
 * Whether a request may be sent again after an ambiguous failure (a 5xx, a reset, an answer
 * cut short) without checking first: reads, and writes whose repetition changes nothing more
 * (PUT, PATCH, DELETE set or remove a state; adding labels adds to a set). A POST creates (a
 * comment, an issue, a dispatch, a board item) and is never sent twice blindly: the action
 * checks, by its marker, whether the first one landed (create-once.ts). A GraphQL query is a
 * read; a mutation is not.
 */
export function isRetrySafe(method: string, url: URL, body: string | undefined): boolean {
  const verb = method.toUpperCase();
  if (isGraphqlRequest(verb, url)) return mutationFieldCount(body) === 0;
  return verb !== "POST" || ADDS_TO_A_SET.test(url.pathname);
}
