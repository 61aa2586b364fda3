import {
  Binary,
  ContextAccess,
  FunctionCall,
  Grouping,
  IndexAccess,
  Literal,
  Logical,
  Unary,
  type Expr,
} from "@actions/expressions/ast";
import { data } from "@actions/expressions";
import { closest } from "./closest.ts";
import { FilterError, type CompiledFilter } from "./filter.ts";
import type { Registry, Target } from "./registry.ts";

/** The fields whose keys are free-form, so a misspelt key would otherwise select nothing. */
const MAPS = ["meta", "orchestrators"] as const;

/** How many existing keys a "no target has" error lists. */
const LISTED = 12;

/** `meta.team` -> ["meta", "team"]; undefined when any part is not a literal name. */
function fieldPath(expr: Expr): string[] | undefined {
  // Context names compare without case, as the parser accepts them.
  if (expr instanceof ContextAccess) return [expr.name.lexeme.toLowerCase()];
  if (!(expr instanceof IndexAccess)) return undefined;
  const index = expr.index instanceof Literal ? expr.index.literal : undefined;
  if (!(index instanceof data.StringData)) return undefined;
  const parent = fieldPath(expr.expr);
  return parent && [...parent, index.value];
}

/** Every subexpression of `expr`, itself included. */
function* walk(expr: Expr): Generator<Expr> {
  yield expr;
  const children =
    expr instanceof Binary
      ? [expr.left, expr.right]
      : expr instanceof Logical || expr instanceof FunctionCall
        ? expr.args
        : expr instanceof Unary
          ? [expr.expr]
          : expr instanceof Grouping
            ? [expr.group]
            : expr instanceof IndexAccess
              ? [expr.expr, expr.index]
              : [];
  for (const child of children) yield* walk(child);
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Why `path` (`meta`, then keys) names no field of any target, or undefined when some target
 * has it. Keys compare without case, as the expression language looks them up.
 */
function missingField(path: string[], targets: readonly Target[]): string | undefined {
  const [root, ...keys] = path as [(typeof MAPS)[number], ...string[]];
  let values: unknown[] = targets.map((t) => t[root]);
  for (const [depth, key] of keys.entries()) {
    const maps = values.filter(isMap);
    // Lists and scalars are indexed in other ways; nothing more to check past them.
    if (maps.length < values.length) return undefined;
    const present = [...new Set(maps.flatMap((m) => Object.keys(m)))];
    const found = present.find((k) => k.toLowerCase() === key.toLowerCase());
    if (found === undefined) {
      const prefix = [root, ...keys.slice(0, depth)].join(".");
      const written = [root, ...keys.slice(0, depth + 1)].join(".");
      const near = closest(key, present, 1)[0];
      const known =
        present.length === 0
          ? `no target has any key under ${prefix}`
          : `keys of ${prefix} that targets have: ${present.slice(0, LISTED).join(", ")}${present.length > LISTED ? ", ..." : ""}`;
      return `found ${written}, which no target has; ${known}${near ? ` (did you mean ${prefix}.${near}?)` : ""}`;
    }
    values = maps.map((m) => m[found]).filter((v) => v !== undefined);
  }
  return undefined;
}

/** Why `kind` compared with `value` can never match a declared kind, or undefined. */
function unknownKind(value: string, kinds: readonly string[]): string | undefined {
  if (kinds.some((k) => k.toLowerCase() === value.toLowerCase())) return undefined;
  const near = closest(value, kinds, 1)[0];
  return `found kind '${value}', allowed one of the kinds ${kinds.join(", ")}${near ? ` (did you mean '${near}'?)` : ""}`;
}

/**
 * Checks a filter against the registry it selects from, so that a typo fails instead of
 * selecting nothing: a key of `meta` or `orchestrators` that no target has, and, when the
 * registry declares `kinds:`, a kind compared with `==` or `!=` that is not one of them.
 */
export function checkFilterVocabulary(
  filter: CompiledFilter,
  registry: Pick<Registry, "targets" | "kinds">,
): void {
  const problems: string[] = [];
  for (const expr of walk(filter.tree)) {
    const path = fieldPath(expr);
    if (path && path.length > 1 && (MAPS as readonly string[]).includes(path[0]!)) {
      const why = missingField(path, registry.targets);
      if (why) problems.push(why);
    }
    if (registry.kinds && expr instanceof Binary && ["==", "!="].includes(expr.operator.lexeme)) {
      for (const [field, other] of [
        [expr.left, expr.right],
        [expr.right, expr.left],
      ] as const) {
        const literal = other instanceof Literal ? other.literal : undefined;
        if (fieldPath(field)?.join(".") === "kind" && literal instanceof data.StringData) {
          const why = unknownKind(literal.value, registry.kinds);
          if (why) problems.push(why);
        }
      }
    }
  }
  const unique = [...new Set(problems)];
  if (unique.length > 0) {
    throw new FilterError(`filter "${filter.expression}": ${unique.join("; ")}`);
  }
}
