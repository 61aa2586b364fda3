import {
  data,
  Evaluator,
  ExpressionError,
  Lexer,
  Parser,
  wellKnownFunctions,
  type Expr,
} from "@actions/expressions";
import { truthy } from "@actions/expressions/result";
import { syntaxHint } from "./filter-hints.ts";
import { didYouMean } from "./problem-wording.ts";
import type { Target } from "./registry.ts";

/** The names a filter may use: the fields of a target. */
export const FILTER_CONTEXTS = [
  "name",
  "owner",
  "kind",
  "repository",
  "orchestrators",
  "meta",
] as const satisfies readonly (keyof Target)[];

/** A filter that does not parse, or that fails on a target; the message names the expression. */
export class FilterError extends Error {
  override readonly name = "FilterError";
}

/** A filter parsed once, to be evaluated per target. */
export interface CompiledFilter {
  /** The expression as evaluated (without `${{ }}`). */
  expression: string;
  /** The parsed expression, for checks against a registry (filter-vocabulary.ts). */
  tree: Expr;
  matches(target: Target): boolean;
}

/** A JSON-like value as expression data (what `fromJSON` would give for it). */
function toData(value: unknown): data.ExpressionData {
  if (value === null || value === undefined) return new data.Null();
  if (typeof value === "string") return new data.StringData(value);
  if (typeof value === "number") return new data.NumberData(value);
  if (typeof value === "boolean") return new data.BooleanData(value);
  if (Array.isArray(value)) return new data.Array(...value.map(toData));
  return new data.Dictionary(
    ...Object.entries(value as Record<string, unknown>).map(([key, v]) => ({
      key,
      value: toData(v),
    })),
  );
}

/** `${{ x }}` -> `x`: the form people paste from a workflow's `if:`. */
function unwrap(expression: string): string {
  const trimmed = expression.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(trimmed);
  return (wrapped ? wrapped[1]! : trimmed).trim();
}

/**
 * Why a parse failed, with a hint for the common mistakes: a name that is not a target field,
 * a string in double quotes, `=` for `==`.
 */
function explain(error: unknown, expression: string): string {
  const allowed = `names allowed: ${FILTER_CONTEXTS.join(", ")}`;
  if (!(error instanceof ExpressionError)) {
    const { message } = error as Error;
    return `${message}${syntaxHint(expression, message)}`;
  }
  const at = `at column ${error.pos.column + 1}`;
  const unknown = /^Unrecognized named-value: '(.*)'$/.exec(error.message);
  if (unknown) {
    return `unknown name '${unknown[1]}' ${at}; ${allowed}${didYouMean(unknown[1]!, FILTER_CONTEXTS)}`;
  }
  const fn = /^Unrecognized function: '(.*)'$/.exec(error.message);
  if (fn) {
    const functions = Object.values(wellKnownFunctions)
      .map((f) => f.name)
      .join(", ");
    return `unknown function '${fn[1]}' ${at}; functions allowed: ${functions}`;
  }
  return `${error.message} ${at}`;
}

/**
 * Parses a filter: a GitHub Actions expression (the language of `if:`) over a target's fields.
 * Throws a FilterError naming the expression on a syntax error or an unknown name, so a typo
 * never silently selects nothing.
 */
export function compileFilter(source: string): CompiledFilter {
  const expression = unwrap(source);
  if (expression === "") {
    throw new FilterError(`filter "${source}": found an empty expression, allowed e.g. 'true'`);
  }
  let tree: Expr;
  try {
    tree = new Parser(new Lexer(expression).lex().tokens, [...FILTER_CONTEXTS], []).parse();
  } catch (error) {
    throw new FilterError(`filter "${expression}": ${explain(error, expression)}`);
  }
  return {
    expression,
    tree,
    matches(target) {
      const context = new data.Dictionary(
        ...FILTER_CONTEXTS.map((key) => ({ key, value: toData(target[key]) })),
      );
      try {
        return truthy(new Evaluator(tree, context).evaluate());
      } catch (error) {
        throw new FilterError(
          `filter "${expression}" failed on ${target.repository}: ${(error as Error).message}`,
        );
      }
    },
  };
}

/** The targets a filter selects, in registry order. */
export function filterTargets(targets: readonly Target[], filter: CompiledFilter): Target[] {
  return targets.filter((t) => filter.matches(t));
}
