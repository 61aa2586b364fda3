import {
  findIssueByNodeId,
  tokenCanSee,
  type SimIssueRef,
  type SimProject,
  type SimProjectItem,
} from "../state.ts";
import { actorView } from "./actor-view.ts";
import { connection, type PageArgs } from "./connection.ts";
import type { GraphqlContext } from "./context.ts";
import { derivedNodeId } from "./ids.ts";
import { issueView } from "./issue-view.ts";
import { labelView } from "./label-view.ts";
import { boardFields, fieldIdentity, type BoardField } from "./project-fields.ts";
import { fieldView, projectView } from "./project-view.ts";
import { repositoryView } from "./repository-view.ts";
import type { View } from "./resolve-field.ts";

/** The item's issue or pull request, unless the token may not see its repository. */
function visibleContent(ctx: GraphqlContext, item: SimProjectItem): SimIssueRef | undefined {
  const ref = findIssueByNodeId(ctx.state, item.contentNodeId);
  return ref && tokenCanSee(ctx.token, ref.repo.full_name) ? ref : undefined;
}

/** The item's value of one field, or null when it has none (as GitHub answers). */
function fieldValue(
  ctx: GraphqlContext,
  project: SimProject,
  item: SimProjectItem,
  field: BoardField,
): View | null {
  const common = {
    id: derivedNodeId("PVTFV", `${item.id}:${fieldIdentity(field).id}`),
    field: () => fieldView(ctx, project, field),
    item: () => projectItemView(ctx, project, item),
    createdAt: item.created_at,
    updatedAt: item.updated_at,
  };
  if ("custom" in field) {
    const option = field.custom.options.find((o) => o.id === item.fieldValues[field.custom.id]);
    if (!option) return null;
    return {
      __typename: "ProjectV2ItemFieldSingleSelectValue",
      ...common,
      name: option.name,
      nameHTML: option.name,
      optionId: option.id,
      color: "GRAY",
      description: "",
      descriptionHTML: "",
    };
  }
  const ref = visibleContent(ctx, item);
  if (!ref) return null;
  switch (field.builtIn.dataType) {
    case "TITLE":
      return { __typename: "ProjectV2ItemFieldTextValue", ...common, text: ref.issue.title };
    case "REPOSITORY":
      return {
        __typename: "ProjectV2ItemFieldRepositoryValue",
        ...common,
        repository: () => repositoryView(ctx, ref.repo),
      };
    case "LABELS":
      if (ref.issue.labels.length === 0) return null;
      return {
        __typename: "ProjectV2ItemFieldLabelValue",
        ...common,
        labels: (args: PageArgs) =>
          connection(ref.issue.labels, args, {
            key: (_, i) => [i],
            view: (name) => labelView(ref.repo, name),
          }),
      };
    default:
      // The model has no assignees, milestones, reviewers, links or sub-issues: no value.
      return null;
  }
}

/** An item on a board. Content in a repository the token cannot see is REDACTED, as on GitHub. */
export function projectItemView(
  ctx: GraphqlContext,
  project: SimProject,
  item: SimProjectItem,
): View {
  const ref = visibleContent(ctx, item);
  const values = (): View[] =>
    boardFields(project)
      .map((f) => fieldValue(ctx, project, item, f))
      .filter((v): v is View => v !== null);
  return {
    __typename: "ProjectV2Item",
    id: item.id,
    isArchived: item.archived,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    type: ref ? (ref.issue.is_pull_request ? "PULL_REQUEST" : "ISSUE") : "REDACTED",
    content: () => (ref ? issueView(ctx, ref.repo, ref.issue) : null),
    creator: () => (item.creator === undefined ? null : actorView(item.creator)),
    project: () => projectView(ctx, project),
    fieldValueByName: (args: { name: string }) => {
      const field = boardFields(project).find((f) => fieldIdentity(f).name === args.name);
      return field ? fieldValue(ctx, project, item, field) : null;
    },
    fieldValues: (args: PageArgs) =>
      connection(values(), args, { key: (_, i) => [i], view: (v) => v }),
  };
}
