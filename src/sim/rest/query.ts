import { validationFailed, type RestContext } from "./http.ts";

/**
 * A query parameter restricted to `allowed` values (default when absent). GitHub answers 422
 * for an unknown value; the message names the parameter and the allowed values.
 */
export function enumQuery<T extends string>(
  ctx: RestContext,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw validationFailed([
    {
      resource: "Query",
      code: "invalid",
      field: name,
      message: `${name}: found '${raw}', allowed ${allowed.join(", ")}`,
    },
  ]);
}

/** An ISO 8601 timestamp query parameter (`since`) as epoch milliseconds, or undefined. */
export function timeQuery(ctx: RestContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms))
    throw validationFailed([
      {
        resource: "Query",
        code: "invalid",
        field: name,
        message: `${name}: found '${raw}', allowed an ISO 8601 timestamp (YYYY-MM-DDTHH:MM:SSZ)`,
      },
    ]);
  return ms;
}
