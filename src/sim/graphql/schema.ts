import { buildSchema, type GraphQLSchema } from "graphql";

let built: Promise<GraphQLSchema> | undefined;

/**
 * GitHub's public GraphQL schema, built once per process on first use (about 0.4 s: loading
 * the package, then building). The SDL is used rather than the package's introspection JSON,
 * which lags behind it (no sub-issues, fewer ProjectV2 field types). The SDL repeats two
 * `EnterpriseOwnerInfo` fields, which makes SDL validation throw, hence `assumeValidSDL`; the
 * built schema itself still passes graphql-js's schema validation on first use.
 */
export function githubSchema(): Promise<GraphQLSchema> {
  built ??= (async () => {
    const { schema } = await import("@octokit/graphql-schema");
    return buildSchema(schema.idl, { assumeValidSDL: true });
  })();
  return built;
}
