import { isGraphqlRequest, mutationFieldCount } from "./graphql-document.ts";

// GitHub's secondary rate limits, as its REST documentation states them ("About secondary
// rate limits"), and what each request costs against them. They are per identity: every job
// of a fan-out whose token comes from one App shares them, so a job paces itself to its share.

/** The published ceilings, per identity, and the undocumented readings fleet takes. */
export interface PaceRules {
  /** Requests in flight at once (REST and GraphQL together). */
  concurrent: number;
  /** REST points a minute: a GET, HEAD or OPTIONS costs 1, any other method 5. */
  restPointsPerMinute: number;
  /** GraphQL points a minute: a query costs 1, a request with a mutation 5. */
  graphqlPointsPerMinute: number;
  /** Content-creating requests a minute, and an hour. */
  contentPerMinute: number;
  contentPerHour: number;
  /**
   * Undocumented: whether each alias of a batched GraphQL mutation counts as one
   * content-creating request. The safe reading (true) is the default.
   */
  countMutationAliasesAsContent: boolean;
}

export const githubPaceRules: PaceRules = {
  concurrent: 100,
  restPointsPerMinute: 900,
  graphqlPointsPerMinute: 2000,
  contentPerMinute: 80,
  contentPerHour: 500,
  countMutationAliasesAsContent: true,
};

/** What one request costs against each rule. */
export interface RequestCost {
  restPoints: number;
  graphqlPoints: number;
  /** Content-creating requests it counts as (0 for reads and deletes). */
  content: number;
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * What a request costs. REST: a read 1 point; a write 5 points, and a content-creating
 * request unless it deletes (GitHub does not list deletions as creating content; which other
 * writes create content is not documented, so every POST, PATCH and PUT is taken to).
 * GraphQL (`POST .../graphql`): 1 point for a query, 5 for a mutation, and content-creating
 * once per mutation field or once per request, as `rules` reads it.
 */
export function requestCost(
  method: string,
  url: URL,
  body: string | undefined,
  rules: PaceRules = githubPaceRules,
): RequestCost {
  const verb = method.toUpperCase();
  if (isGraphqlRequest(verb, url)) {
    const fields = mutationFieldCount(body);
    if (fields === 0) return { restPoints: 0, graphqlPoints: 1, content: 0 };
    return {
      restPoints: 0,
      graphqlPoints: 5,
      content: rules.countMutationAliasesAsContent ? fields : 1,
    };
  }
  if (READS.has(verb)) return { restPoints: 1, graphqlPoints: 0, content: 0 };
  return { restPoints: 5, graphqlPoints: 0, content: verb === "DELETE" ? 0 : 1 };
}
