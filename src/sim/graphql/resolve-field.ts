import { GraphQLError, type GraphQLFieldResolver } from "graphql";
import type { GraphqlContext } from "./context.ts";

/**
 * Resolves a field from the view object its parent resolved to: a property is the value, a
 * method is called with the field's arguments and the context. A field the view does not
 * define is an error naming it, never a silent null: the schema is GitHub's whole API and the
 * simulator answers only part of it, so a query that wanders outside that part must say so.
 */
export const resolveField: GraphQLFieldResolver<unknown, GraphqlContext> = (
  source,
  args,
  ctx,
  info,
) => {
  const view = source as Record<string, unknown> | null;
  if (view === null || typeof view !== "object" || !(info.fieldName in view))
    throw new GraphQLError(
      `The simulator does not implement ${info.parentType.name}.${info.fieldName} (GitHub has it; the simulator models only what fleet's actions use).`,
    );
  const value = view[info.fieldName];
  return typeof value === "function" ? value.call(view, args, ctx, info) : value;
};

/** What a resolver returns for an object: fields as values or as `(args, ctx) => value`. */
export type View = Record<string, unknown>;
