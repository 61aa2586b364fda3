import { visit, type GraphQLError, type ASTNode, type DocumentNode } from "graphql";
import type { GithubErrorJson } from "./errors.ts";

interface Rewrite {
  pattern: RegExp;
  rewrite(m: RegExpMatchArray): { message: string; extensions: Record<string, string> };
}

/**
 * graphql-js and GitHub (graphql-ruby) reject the same documents but word it differently;
 * the mistakes people make most often get GitHub's wording and `extensions.code`, so what a
 * user sees against the simulator is what GitHub would have told them.
 */
const rewrites: Rewrite[] = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"\./,
    rewrite: ([, fieldName = "", typeName = ""]) => ({
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      extensions: { code: "undefinedField", typeName, fieldName },
    }),
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "\w+\.(\w+)"\./,
    rewrite: ([, argumentName = "", name = ""]) => ({
      message: `Field '${name}' doesn't accept argument '${argumentName}'`,
      extensions: { code: "argumentNotAccepted", name, typeName: "Field", argumentName },
    }),
  },
  {
    pattern:
      /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./,
    rewrite: ([, name = "", argument = ""]) => ({
      message: `Field '${name}' is missing required arguments: ${argument}`,
      extensions: {
        code: "missingRequiredArguments",
        className: "Field",
        name,
        arguments: argument,
      },
    }),
  },
  {
    pattern: /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./,
    rewrite: ([, name = "", type = ""]) => ({
      message: `Field must have selections (field '${name}' returns ${type.replace(/[![\]]/g, "")} but has no selections. Did you mean '${name} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${name}'`, typeName: type },
    }),
  },
];

/** Where each field and argument sits, as graphql-ruby names it: `["query", "repository", "foo"]`. */
function pathsOf(document: DocumentNode): Map<ASTNode, string[]> {
  const paths = new Map<ASTNode, string[]>();
  const stack: string[] = [];
  const enter = (segment: string, node: ASTNode) => {
    stack.push(segment);
    paths.set(node, [...stack]);
  };
  const leave = () => {
    stack.pop();
  };
  visit(document, {
    OperationDefinition: {
      enter: (n) => enter(n.name ? `${n.operation} ${n.name.value}` : n.operation, n),
      leave,
    },
    FragmentDefinition: { enter: (n) => enter(`fragment ${n.name.value}`, n), leave },
    InlineFragment: {
      enter: (n) => enter(n.typeCondition ? `... on ${n.typeCondition.name.value}` : "...", n),
      leave,
    },
    Field: { enter: (n) => enter(n.alias?.value ?? n.name.value, n), leave },
    Argument: { enter: (n) => enter(n.name.value, n), leave },
  });
  return paths;
}

/** Validation errors as GitHub sends them: path, extensions.code, locations, message. */
export function validationErrorsJson(
  document: DocumentNode,
  errors: readonly GraphQLError[],
): GithubErrorJson[] {
  const paths = pathsOf(document);
  return errors.map((error) => {
    const json: GithubErrorJson = { message: error.message };
    const node = error.nodes?.[0];
    const path = node && paths.get(node);
    if (path) json.path = path;
    for (const { pattern, rewrite } of rewrites) {
      const m = error.message.match(pattern);
      if (!m) continue;
      const { message, extensions } = rewrite(m);
      json.message = message;
      json.extensions = extensions;
      break;
    }
    if (error.locations) json.locations = error.locations.map((l) => ({ ...l }));
    return json;
  });
}
