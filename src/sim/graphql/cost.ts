import {
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { githubError } from "./errors.ts";

/** GitHub's per-query ceilings. */
export const MAX_PAGE_SIZE = 100;
export const MAX_NODES = 500_000;

/** What a query costs before it runs, or why GitHub would refuse to run it. */
export interface QueryCost {
  /** Primary rate-limit points: connection requests / 100, rounded, at least 1. */
  cost: number;
  /** Nodes the query may return at most (the sum of every connection's page size). */
  nodeCount: number;
  errors: GraphQLError[];
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  requests: number;
  nodes: number;
  errors: GraphQLError[];
}

/** A connection field: returns `*Connection` and pages with `first`/`last`. */
function isConnection(typeName: string, argNames: string[]): boolean {
  return typeName.endsWith("Connection") && argNames.includes("first") && argNames.includes("last");
}

/** The page size a connection asks for, or an error GitHub would answer instead. */
function pageSize(
  walk: Walk,
  node: FieldNode,
  path: string[],
  args: Record<string, unknown>,
): number | undefined {
  const field = node.name.value;
  const first = args.first as number | null | undefined;
  const last = args.last as number | null | undefined;
  if (first == null && last == null) {
    walk.errors.push(
      githubError(
        "MISSING_PAGINATION_BOUNDARIES",
        `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
        { nodes: node, path },
      ),
    );
    return undefined;
  }
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value == null) continue;
    if (value < 0) {
      walk.errors.push(
        githubError(
          "UNPROCESSABLE",
          `\`${name}\` on the \`${field}\` connection cannot be less than zero.`,
          { nodes: node, path },
        ),
      );
      return undefined;
    }
    if (value > MAX_PAGE_SIZE) {
      walk.errors.push(
        githubError(
          "EXCESSIVE_PAGINATION",
          `Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of ${MAX_PAGE_SIZE} records.`,
          { nodes: node, path },
        ),
      );
      return undefined;
    }
  }
  return Math.max(first ?? 0, last ?? 0);
}

function walkSelections(
  walk: Walk,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  multiplier: number,
  path: string[],
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && isCompositeType(type))
        walkSelections(walk, fragment.selectionSet, type, multiplier, path);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : parent;
      if (isCompositeType(type))
        walkSelections(walk, selection.selectionSet, type, multiplier, path);
      continue;
    }
    if (!(isObjectType(parent) || isInterfaceType(parent))) continue;
    const def = parent.getFields()[selection.name.value];
    if (!def || !selection.selectionSet) continue;
    const named = getNamedType(def.type);
    const fieldPath = [...path, selection.alias?.value ?? selection.name.value];
    let childMultiplier = multiplier;
    if (
      isConnection(
        named.name,
        def.args.map((a) => a.name),
      )
    ) {
      const args = getArgumentValues(def, selection, walk.variables);
      const size = pageSize(walk, selection, fieldPath, args);
      if (size === undefined) continue;
      walk.requests += multiplier;
      walk.nodes += multiplier * size;
      childMultiplier = multiplier * size;
    }
    if (isCompositeType(named))
      walkSelections(walk, selection.selectionSet, named, childMultiplier, fieldPath);
  }
}

/**
 * GitHub's documented point calculation: each connection costs one request per parent it is
 * fetched for (assuming every page is full), the sum is divided by 100 and rounded, minimum 1.
 * The same walk finds what GitHub refuses before running anything: a connection without
 * `first`/`last`, a page over 100, more than 500,000 possible nodes.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const walk: Walk = { schema, fragments, variables, requests: 0, nodes: 0, errors: [] };
  const root = schema.getRootType(operation.operation);
  if (root) walkSelections(walk, operation.selectionSet, root, 1, []);
  if (walk.errors.length === 0 && walk.nodes > MAX_NODES)
    walk.errors.push(
      githubError(
        "MAX_NODE_LIMIT_EXCEEDED",
        `This query requests up to ${walk.nodes.toLocaleString("en-US")} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString("en-US")}.`,
        { nodes: operation },
      ),
    );
  return {
    cost: Math.max(1, Math.round(walk.requests / 100)),
    nodeCount: walk.nodes,
    errors: walk.errors,
  };
}
