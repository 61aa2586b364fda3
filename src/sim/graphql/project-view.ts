import type { SimProject, SimProjectField } from "../state.ts";
import { connection, type PageArgs } from "./connection.ts";
import type { GraphqlContext } from "./context.ts";
import { organizationView } from "./organization-view.ts";
import { hasPermission } from "./permissions.ts";
import { boardFields, fieldIdentity, type BoardField } from "./project-fields.ts";
import { projectItemView } from "./project-item-view.ts";
import type { View } from "./resolve-field.ts";
import { webLocation } from "./web.ts";

function optionView(option: SimProjectField["options"][number]) {
  return {
    id: option.id,
    name: option.name,
    nameHTML: option.name,
    color: "GRAY",
    description: "",
    descriptionHTML: "",
  };
}

/** A board field: ProjectV2SingleSelectField for the model's fields, ProjectV2Field for built-ins. */
export function fieldView(ctx: GraphqlContext, project: SimProject, field: BoardField): View {
  const project_ = () => projectView(ctx, project);
  if ("custom" in field) {
    const f = field.custom;
    return {
      __typename: "ProjectV2SingleSelectField",
      id: f.id,
      name: f.name,
      dataType: f.dataType,
      project: project_,
      options: (args: { names?: string[] | null }) =>
        f.options.filter((o) => !args.names || args.names.includes(o.name)).map(optionView),
    };
  }
  return { __typename: "ProjectV2Field", ...field.builtIn, project: project_ };
}

/** A ProjectsV2 board (the caller has checked the token may read boards). */
export function projectView(ctx: GraphqlContext, project: SimProject): View {
  const org = ctx.state.orgs.get(project.owner.toLowerCase());
  return {
    __typename: "ProjectV2",
    id: project.id,
    databaseId: project.databaseId,
    fullDatabaseId: String(project.databaseId),
    number: project.number,
    title: project.title,
    closed: project.closed,
    closedAt: null,
    public: false,
    shortDescription: null,
    readme: null,
    ...webLocation(`/orgs/${project.owner}/projects/${project.number}`),
    owner: () => (org ? organizationView(ctx, org) : null),
    viewerCanUpdate: hasPermission(ctx.token, "organization_projects", "write"),
    field: (args: { name: string }) => {
      const field = boardFields(project).find((f) => fieldIdentity(f).name === args.name);
      return field ? fieldView(ctx, project, field) : null;
    },
    fields: (args: PageArgs) =>
      connection(boardFields(project), args, {
        key: (_, i) => [i],
        view: (f) => fieldView(ctx, project, f),
      }),
    items: (args: PageArgs) =>
      connection(project.items, args, {
        key: (_, i) => [i],
        view: (item) => projectItemView(ctx, project, item),
      }),
  };
}
