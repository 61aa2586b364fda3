import { addIssueLabel, addLabel, getLabel, removeIssueLabel } from "../state.ts";
import {
  notFound,
  stringField,
  unprocessable,
  validationFailed,
  type RepoContext,
  type RepoRoute,
} from "./http.ts";
import { issueOf, labelNames } from "./lookup.ts";
import { paginate } from "./paginate.ts";
import { issueLabels, label } from "./serialize-issue.ts";

const READ = { name: "issues", level: "read" } as const;
const WRITE = { name: "issues", level: "write" } as const;

/** POST .../issues/{n}/labels: `{ labels: [...] }` or the bare array; answers every label now on it. */
function addLabels(ctx: RepoContext) {
  const i = issueOf(ctx);
  const raw = Array.isArray(ctx.rawBody) ? ctx.rawBody : ctx.body.labels;
  if (raw === undefined) throw unprocessable(`Invalid request.\n\n"labels" wasn't supplied.`);
  for (const name of labelNames(raw, "labels"))
    addIssueLabel(ctx.state, ctx.repo, i, name, ctx.token.login, ctx.at);
  return { status: 200, body: issueLabels(ctx.api, ctx.repo, i) };
}

/** DELETE .../issues/{n}/labels/{name}: 404 when the label is not on the issue, as GitHub. */
function removeLabel(ctx: RepoContext) {
  const i = issueOf(ctx);
  const name = ctx.params.name ?? "";
  if (!removeIssueLabel(ctx.state, i, name, ctx.token.login, ctx.at))
    throw notFound("Label does not exist");
  return { status: 200, body: issueLabels(ctx.api, ctx.repo, i) };
}

/** POST /repos/{o}/{r}/labels: 422 `already_exists` for a name taken in any case. */
function createLabel(ctx: RepoContext) {
  const name = stringField(ctx, "name", true).trim();
  if (name === "")
    throw validationFailed([{ resource: "Label", code: "missing_field", field: "name" }]);
  const color = (stringField(ctx, "color", false) ?? "ededed").replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(color))
    throw validationFailed([
      {
        resource: "Label",
        code: "invalid",
        field: "color",
        message: `color: found '${color}', allowed six hex digits such as 'd73a4a'`,
      },
    ]);
  const description = stringField(ctx, "description", false);
  if (description !== undefined && description.length > 100)
    throw validationFailed([
      {
        resource: "Label",
        code: "invalid",
        field: "description",
        message: `description: ${description.length} characters, allowed at most 100`,
      },
    ]);
  if (getLabel(ctx.repo, name))
    throw validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
  const created = addLabel(ctx.state, ctx.repo, { name, color: color.toLowerCase(), description });
  return { status: 201, body: label(ctx.api, ctx.repo, created) };
}

/** Issue labels add/remove and repository labels list/create. */
export const labelRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/issues/{issue_number}/labels",
    permission: WRITE,
    handle: addLabels,
  },
  {
    scope: "repo",
    method: "DELETE",
    pattern: "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
    permission: WRITE,
    handle: removeLabel,
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/labels",
    permission: READ,
    handle: (ctx) => {
      const page = paginate(ctx, ctx.repo.labels);
      return {
        status: 200,
        body: page.items.map((l) => label(ctx.api, ctx.repo, l)),
        headers: page.headers,
      };
    },
  },
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/labels",
    permission: WRITE,
    handle: createLabel,
  },
];
