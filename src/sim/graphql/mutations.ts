import { addProjectItem, findIssueByNodeId, tokenCanSee } from "../state.ts";
import type { GraphqlContext } from "./context.ts";
import { githubError, unknownNode } from "./errors.ts";
import { gitMutations } from "./mutations-git.ts";
import { pullMutations } from "./mutations-pulls.ts";
import { findItem, findProject } from "./node-lookup.ts";
import { requirePermission, requireWritable } from "./permissions.ts";
import { boardFields, fieldIdentity } from "./project-fields.ts";
import { projectItemView } from "./project-item-view.ts";

interface ItemInput {
  clientMutationId?: string | null;
  projectId: string;
  itemId: string;
}

/** A board, its item and the item's repository, checked for a write. */
function writableItem(ctx: GraphqlContext, input: ItemInput) {
  requirePermission(ctx, "organization_projects", "write");
  const project = findProject(ctx, input.projectId);
  if (!project) throw unknownNode(input.projectId);
  const placed = findItem(ctx, input.itemId);
  if (!placed || placed.project !== project) throw unknownNode(input.itemId);
  const ref = findIssueByNodeId(ctx.state, placed.item.contentNodeId);
  if (ref) requireWritable(ref.repo);
  return { project, item: placed.item };
}

/** Writes the mutation roots resolve; each takes `input` and answers its payload. */
export const mutationRoot = {
  ...gitMutations,
  ...pullMutations,

  /**
   * Adds an issue or pull request to a board. Content already on the board answers with the
   * existing item, as GitHub documents, except while that item is brand new: an item created in
   * the same second of sim time (another writer racing this one, or the same content twice in
   * one request) answers "Content already exists in this project", the error GitHub gives in
   * that race. Tests reach either answer by setting the item's `created_at` to now or earlier.
   */
  addProjectV2ItemById(
    {
      input,
    }: { input: { clientMutationId?: string | null; projectId: string; contentId: string } },
    ctx: GraphqlContext,
  ) {
    requirePermission(ctx, "organization_projects", "write");
    const project = findProject(ctx, input.projectId);
    if (!project) throw unknownNode(input.projectId);
    const ref = findIssueByNodeId(ctx.state, input.contentId);
    if (!ref || !tokenCanSee(ctx.token, ref.repo.full_name)) throw unknownNode(input.contentId);
    requireWritable(ref.repo);
    const at = ctx.at();
    const existing = project.itemByContent.get(input.contentId);
    if (existing && existing.created_at === at)
      throw githubError("UNPROCESSABLE", "Content already exists in this project");
    const item =
      existing ?? addProjectItem(ctx.state, project, input.contentId, at, ctx.token.login);
    return {
      clientMutationId: input.clientMutationId ?? null,
      item: projectItemView(ctx, project, item),
    };
  },

  /** Sets a single-select field of an item (the only field kind the model has values for). */
  updateProjectV2ItemFieldValue(
    {
      input,
    }: {
      input: ItemInput & {
        fieldId: string;
        value: Record<string, unknown>;
      };
    },
    ctx: GraphqlContext,
  ) {
    const { project, item } = writableItem(ctx, input);
    const field = boardFields(project).find((f) => fieldIdentity(f).id === input.fieldId);
    if (!field) throw unknownNode(input.fieldId);
    if (!("custom" in field))
      throw githubError(
        "UNPROCESSABLE",
        `The field '${field.builtIn.name}' (${field.builtIn.dataType}) cannot be updated: its value comes from the item's content.`,
      );
    const given = Object.keys(input.value).filter((k) => input.value[k] != null);
    const optionId = input.value.singleSelectOptionId;
    if (given.length !== 1 || typeof optionId !== "string")
      throw githubError(
        "UNPROCESSABLE",
        `A single select field takes exactly one value, \`singleSelectOptionId\`; got ${given.length === 0 ? "none" : given.join(", ")}.`,
      );
    if (!field.custom.options.some((o) => o.id === optionId))
      throw githubError(
        "UNPROCESSABLE",
        `The single select option Id '${optionId}' does not belong to the field '${field.custom.name}'.`,
      );
    item.fieldValues[field.custom.id] = optionId;
    item.updated_at = ctx.at();
    return {
      clientMutationId: input.clientMutationId ?? null,
      projectV2Item: projectItemView(ctx, project, item),
    };
  },

  /** Archives an item: it leaves the board's views but still counts in `Issue.projectItems`. */
  archiveProjectV2Item({ input }: { input: ItemInput }, ctx: GraphqlContext) {
    return setArchived(ctx, input, true);
  },

  /** Brings an archived item back. */
  unarchiveProjectV2Item({ input }: { input: ItemInput }, ctx: GraphqlContext) {
    return setArchived(ctx, input, false);
  },
};

function setArchived(ctx: GraphqlContext, input: ItemInput, archived: boolean) {
  const { project, item } = writableItem(ctx, input);
  if (item.archived !== archived) {
    item.archived = archived;
    item.updated_at = ctx.at();
  }
  return {
    clientMutationId: input.clientMutationId ?? null,
    item: projectItemView(ctx, project, item),
  };
}
