import {
  addToken,
  allPermissions,
  type SimPermissionName,
  type SimState,
  type SimToken,
} from "../state.ts";
import { secret, streamFor } from "./sample.ts";
import type { ResolvedScenario, TokenSpec } from "./spec.ts";

function permissionsOf(spec: TokenSpec["permissions"]): SimToken["permissions"] {
  if (spec === "all") return { ...allPermissions };
  if (spec === "read") {
    const names = Object.keys(allPermissions) as SimPermissionName[];
    return Object.fromEntries(names.map((name) => [name, "read"]));
  }
  // GitHub grants metadata read to every token; a scenario need not say so.
  return { metadata: "read", ...spec };
}

/**
 * Adds the admin token (every permission on every repository, `state.adminToken`) and the
 * scenario's other tokens. Secrets not given are drawn from the seed, so they are stable.
 */
export function buildTokens(state: SimState, spec: ResolvedScenario): void {
  addToken(state, {
    token: spec.admin.token ?? secret(streamFor(spec.seed, "token:admin")),
    login: spec.admin.login,
    kind: "app",
    permissions: { ...allPermissions },
    repositories: "*",
    hourlyLimit: spec.admin.hourlyLimit,
  });
  spec.tokens.forEach((t, i) => {
    addToken(state, {
      token: t.token ?? secret(streamFor(spec.seed, `token:${i}:${t.login}`)),
      login: t.login,
      kind: t.kind,
      permissions: permissionsOf(t.permissions),
      repositories: t.repositories === "*" ? "*" : [...t.repositories],
      hourlyLimit: t.hourlyLimit ?? (t.kind === "github_token" ? 1000 : 5000),
    });
  });
}

/** The secret of the token whose login is `login` (the first, if several share it). */
export function tokenOf(state: SimState, login: string): string {
  for (const token of state.tokens.values()) if (token.login === login) return token.token;
  const logins = [...state.tokens.values()].map((t) => t.login);
  throw new Error(`no token with login '${login}' in the scenario (logins: ${logins.join(", ")})`);
}
