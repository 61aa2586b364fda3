import {
  getRepo,
  tokenCanSee,
  type SimPermissionName,
  type SimRepo,
  type SimToken,
} from "../state.ts";
import { githubError, notAccessible, notFound } from "./errors.ts";
import type { GraphqlContext } from "./context.ts";

/** Whether the token holds `name` at `level` or above. */
export function hasPermission(
  token: SimToken,
  name: SimPermissionName,
  level: "read" | "write",
): boolean {
  // A workflow's GITHUB_TOKEN is scoped to its own repository and can never reach org boards.
  if (name === "organization_projects" && token.kind === "github_token") return false;
  const held = token.permissions[name];
  return held === "write" || (held === "read" && level === "read");
}

/** Throws GitHub's FORBIDDEN unless the token holds the permission. */
export function requirePermission(
  ctx: GraphqlContext,
  name: SimPermissionName,
  level: "read" | "write",
): void {
  if (!hasPermission(ctx.token, name, level)) throw notAccessible();
}

/** The repository, or GitHub's NOT_FOUND when it does not exist or the token cannot see it. */
export function visibleRepo(ctx: GraphqlContext, owner: string, name: string): SimRepo {
  const repo = getRepo(ctx.state, owner, name);
  if (!repo || !tokenCanSee(ctx.token, repo.full_name))
    throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
  return repo;
}

/** Refuses a write that touches an archived repository's content, as GitHub does. */
export function requireWritable(repo: SimRepo): void {
  if (repo.archived) throw githubError("FORBIDDEN", "Repository was archived so is read-only.");
}
