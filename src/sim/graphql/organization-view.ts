import { GraphQLError } from "graphql";
import { getProject, tokenCanSeeProject, type SimOrg, type SimProject } from "../state.ts";
import { compareKeys, connection, type CursorKey, type PageArgs } from "./connection.ts";
import type { GraphqlContext } from "./context.ts";
import { notFound } from "./errors.ts";
import { requirePermission } from "./permissions.ts";
import { projectView } from "./project-view.ts";
import type { View } from "./resolve-field.ts";
import { webLocation } from "./web.ts";

/** `projectsV2` arguments. */
interface ProjectsArgs extends PageArgs {
  query?: string | null;
  orderBy: { field: "NUMBER" | "TITLE" | "CREATED_AT" | "UPDATED_AT"; direction: "ASC" | "DESC" };
}

/** An organisation and its ProjectsV2 boards. */
export function organizationView(ctx: GraphqlContext, org: SimOrg): View {
  return {
    __typename: "Organization",
    id: org.node_id,
    databaseId: org.id,
    login: org.login,
    name: org.login,
    ...webLocation(`/${org.login}`),
    projectV2: (args: { number: number }) => {
      requirePermission(ctx, "organization_projects", "read");
      const project = getProject(ctx.state, org.login, args.number);
      if (!project || !tokenCanSeeProject(ctx.token, project))
        throw notFound(`Could not resolve to a ProjectV2 with the number ${args.number}.`);
      return projectView(ctx, project);
    },
    projectsV2: (args: ProjectsArgs) => {
      requirePermission(ctx, "organization_projects", "read");
      const { field, direction } = args.orderBy;
      if (field !== "NUMBER" && field !== "TITLE")
        throw new GraphQLError(`The simulator does not implement ordering boards by ${field}.`);
      const query = args.query?.toLowerCase();
      const projects = ctx.state.projects.filter(
        (p) =>
          p.owner.toLowerCase() === org.login.toLowerCase() &&
          tokenCanSeeProject(ctx.token, p) &&
          (!query || p.title.toLowerCase().includes(query)),
      );
      const key = (p: SimProject): CursorKey =>
        field === "TITLE" ? [p.title, p.number] : [p.number];
      const descending = [direction === "DESC", direction === "DESC"];
      projects.sort((a, b) => compareKeys(key(a), key(b), descending));
      return connection(projects, args, {
        key,
        descending,
        view: (p) => projectView(ctx, p),
      });
    },
  };
}
