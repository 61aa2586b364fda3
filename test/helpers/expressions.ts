import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import type { FunctionDefinition } from "@actions/expressions/funcs/info";

// GitHub Actions expressions evaluated with GitHub's own expression library, so a workflow's
// `if:`, `with:` and `env:` are read by tests with the runner's rules (its type coercions
// included: `null == false` is true there, which a fail-safe dry run must not rely on).

/** The contexts an expression may read (`github`, `inputs`, `secrets`, `steps`, ...). */
export type Contexts = Record<string, unknown>;

/** The job's status, which `success()`, `failure()`, `always()` and `cancelled()` read. */
export type JobStatus = "success" | "failure";

const statusFunctions = (status: JobStatus): Map<string, FunctionDefinition> =>
  new Map(
    Object.entries({
      success: status === "success",
      failure: status === "failure",
      always: true,
      cancelled: false,
    }).map(([name, value]) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) },
    ]),
  );

const toData = (value: unknown): data.ExpressionData =>
  JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;

const fromData = (value: data.ExpressionData): unknown =>
  JSON.parse(JSON.stringify(value, data.replacer)) as unknown;

/** `${{ x }}` -> `x`; anything else as it is. */
export function unwrap(expression: string): string {
  const wrapped = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(expression);
  return (wrapped ? wrapped[1]! : expression).trim();
}

/** The value of one expression (without `${{ }}`), as plain JSON. */
export function evaluate(
  expression: string,
  contexts: Contexts,
  status: JobStatus = "success",
): unknown {
  const functions = statusFunctions(status);
  const tree = new Parser(new Lexer(expression).lex().tokens, Object.keys(contexts), [
    ...functions.values(),
  ]).parse();
  const context = new data.Dictionary(
    ...Object.entries(contexts).map(([key, value]) => ({ key, value: toData(value) })),
  );
  return fromData(new Evaluator(tree, context, functions).evaluate());
}

/** A value as the runner passes it on: an expression's result as a string. */
export function asString(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * A YAML value with its `${{ }}` parts evaluated: a value that is one expression keeps its
 * type (a caller's `dry_run: ${{ ... }}` is a boolean); a value with text around expressions
 * becomes a string, as the runner makes it.
 */
export function interpolate(value: unknown, contexts: Contexts, status?: JobStatus): unknown {
  if (typeof value !== "string" || !value.includes("${{")) return value;
  const whole = /^\$\{\{((?:(?!\}\})[\s\S])*)\}\}$/.exec(value.trim());
  if (whole) return evaluate(whole[1]!.trim(), contexts, status);
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) =>
    asString(evaluate(expression.trim(), contexts, status)),
  );
}

/** An `if:` as the runner reads it: without a status function, `success() && (...)`. */
export function condition(source: unknown, contexts: Contexts, status: JobStatus): boolean {
  if (source === undefined) return status === "success";
  const expression = unwrap(String(source));
  const guarded = /\b(success|failure|always|cancelled)\(\)/.test(expression)
    ? expression
    : `success() && (${expression})`;
  const value = evaluate(guarded, contexts, status);
  return value !== false && value !== null && value !== 0 && value !== "";
}
