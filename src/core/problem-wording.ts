/**
 * The words of a validation problem: what was found (a value described, not dumped), what is
 * allowed (a zod issue in plain words) and a "did you mean" hint for a misspelt name.
 */
import type { z } from "zod";
import { closest } from "./closest.ts";
import type { FieldPath } from "./yaml-problems.ts";

/** The value at `path` in parsed data; undefined when it, or a parent, is missing. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * What was found, in words: `'abc'`, `the number 3`, `the boolean true`, `a list`, `a map`,
 * `nothing`. With `bareScalars`, numbers and booleans are written as they are (`3`, `true`).
 */
export function describeValue(value: unknown, options: { bareScalars?: boolean } = {}): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null (an empty value)";
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "number" || typeof value === "boolean") {
    return options.bareScalars ? String(value) : `the ${typeof value} ${String(value)}`;
  }
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  return "a map";
}

const typeNames: Record<string, string> = {
  array: "a list",
  object: "a map",
  record: "a map",
  boolean: "true or false",
  int: "an integer",
  number: "a number",
  string: "a string",
  tuple: "a list",
};

/**
 * The "allowed" half of a zod issue, in words (`a number <= 1`, `one of 'a', 'b'`), for
 * schemas that leave zod's own messages; any other issue's message is taken as it is.
 */
export function allowedByIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return typeNames[issue.expected] ?? issue.expected;
    case "too_small":
      if (issue.origin === "string") return "a non-empty string";
      if (issue.origin === "array") return `a list of at least ${String(issue.minimum)}`;
      return `a number ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "array") return `a list of at most ${String(issue.maximum)}`;
      return `a number ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => `'${String(v)}'`).join(", ")}`;
    case "invalid_key":
      return `keys that are ${issue.issues.map(allowedByIssue).join(" and ")}`;
    default:
      return issue.message;
  }
}

/** ` (did you mean 'kind'?)` for the candidate nearest to a misspelt `word`; "" for none. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hint = closest(word, candidates, 1)[0];
  return hint ? ` (did you mean '${hint}'?)` : "";
}
