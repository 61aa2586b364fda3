import { findIssueByNodeId, tokenCanSee, type SimProject } from "../state.ts";
import type { GraphqlContext, PlacedItem } from "./context.ts";
import { unknownNode } from "./errors.ts";
import { issueView } from "./issue-view.ts";
import { organizationView } from "./organization-view.ts";
import { requirePermission } from "./permissions.ts";
import { boardFields, fieldIdentity } from "./project-fields.ts";
import { projectItemView } from "./project-item-view.ts";
import { fieldView, projectView } from "./project-view.ts";
import { branchRefView, refFromNodeId } from "./ref-view.ts";
import { repositoryView } from "./repository-view.ts";

/** The board with this node id, if any. */
export function findProject(ctx: GraphqlContext, id: string): SimProject | undefined {
  return ctx.state.projects.find((p) => p.id === id);
}

/** The board item with this node id and its board, if any. */
export function findItem(ctx: GraphqlContext, id: string): PlacedItem | undefined {
  for (const project of ctx.state.projects) {
    const item = project.items.find((i) => i.id === id);
    if (item) return { project, item };
  }
  return undefined;
}

function boardNode(ctx: GraphqlContext, id: string) {
  const project = findProject(ctx, id);
  if (project) return projectView(ctx, project);
  const placed = findItem(ctx, id);
  if (placed) return projectItemView(ctx, placed.project, placed.item);
  for (const project of ctx.state.projects) {
    const field = boardFields(project).find((f) => fieldIdentity(f).id === id);
    if (field) return fieldView(ctx, project, field);
  }
  return undefined;
}

/**
 * `node(id:)`: issues, pull requests, repositories, branch refs, organisations, boards, board
 * items and fields. What does not exist, or sits in a repository the token cannot see, is NOT_FOUND.
 */
export function resolveNode(ctx: GraphqlContext, id: string): unknown {
  const ref = findIssueByNodeId(ctx.state, id);
  if (ref) {
    if (!tokenCanSee(ctx.token, ref.repo.full_name)) throw unknownNode(id);
    return issueView(ctx, ref.repo, ref.issue);
  }
  if (/^PVT/.test(id)) {
    requirePermission(ctx, "organization_projects", "read");
    const board = boardNode(ctx, id);
    if (board) return board;
  }
  for (const repo of ctx.state.repos.values())
    if (repo.node_id === id && tokenCanSee(ctx.token, repo.full_name))
      return repositoryView(ctx, repo);
  const branch = refFromNodeId(id);
  if (branch) {
    const repo = [...ctx.state.repos.values()].find((r) => r.id === branch.repoId);
    const view =
      repo && tokenCanSee(ctx.token, repo.full_name) && branchRefView(ctx, repo, branch.branch);
    if (view) return view;
  }
  for (const org of ctx.state.orgs.values())
    if (org.node_id === id) return organizationView(ctx, org);
  throw unknownNode(id);
}
