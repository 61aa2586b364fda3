import type { SimPermissionName, SimState, SimToken } from "./state.ts";
import { errorBody, HttpError } from "./rest/http.ts";

/** Who sent a request: a known token, or why there is none. */
export type Caller = { token: SimToken } | { problem: "missing" | "invalid" };

/** Reads `Authorization: Bearer X` or `token X` (both work on GitHub) and finds the token. */
export function authenticate(state: SimState, header: string | undefined): Caller {
  if (header === undefined || header.trim() === "") return { problem: "missing" };
  const m = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header.trim());
  const token = m?.[1] === undefined ? undefined : state.tokens.get(m[1]);
  return token ? { token } : { problem: "invalid" };
}

/** The 401 GitHub sends: "Bad credentials" for an unknown token, else "Requires authentication". */
export function unauthorized(problem: "missing" | "invalid", graphql: boolean): HttpError {
  const message =
    problem === "invalid"
      ? "Bad credentials"
      : graphql
        ? "This endpoint requires you to be authenticated."
        : "Requires authentication";
  return new HttpError(401, errorBody(401, message));
}

/** Whether the token holds `name` at `level` or above; every installation can read metadata. */
export function hasPermission(
  token: SimToken,
  permission: { name: SimPermissionName; level: "read" | "write" },
): boolean {
  if (permission.name === "metadata" && permission.level === "read") return true;
  const held = token.permissions[permission.name];
  return held === "write" || (held === "read" && permission.level === "read");
}

/**
 * 403 for a permission the token lacks, with the header GitHub uses to say which one would
 * do (`x-accepted-github-permissions: issues=write`).
 */
export function missingPermission(
  token: SimToken,
  permission: { name: SimPermissionName; level: "read" | "write" },
): HttpError {
  const who = token.kind === "pat" ? "personal access token" : "integration";
  return new HttpError(403, errorBody(403, `Resource not accessible by ${who}`), {
    "x-accepted-github-permissions": `${permission.name}=${permission.level}`,
  });
}
