import { describe, expect, it } from "vitest";
import { explainRefusal, type Refusal } from "./explain-failure.ts";

const workflow: Refusal = {
  status: 404,
  message: "Not Found",
  forge: "github",
  mode: "workflow",
  repository: "acme/app",
  workflow: "cd.yml",
  ref: "main",
};
const repository: Refusal = {
  ...workflow,
  mode: "repository",
  workflow: undefined,
  ref: undefined,
};

describe("explainRefusal", () => {
  it("names the token for 401", () => {
    expect(explainRefusal({ ...workflow, status: 401 })).toEqual({
      error:
        "401 Unauthorized: the token was refused (invalid, expired or revoked) when dispatching to acme/app; create a new one and update the secret",
    });
  });

  it("names the permission each mode needs for 403", () => {
    const message = "Resource not accessible by integration";
    expect(explainRefusal({ ...workflow, status: 403, message })).toEqual({
      error: `403 Forbidden: the token may not start workflows in acme/app; it needs permission actions: write (GitHub said: ${message})`,
    });
    expect(explainRefusal({ ...repository, status: 403, message })).toEqual({
      error: `403 Forbidden: the token may not send repository_dispatch events in acme/app; it needs permission contents: write (GitHub said: ${message})`,
    });
    expect(
      explainRefusal({
        ...workflow,
        forge: "gitea",
        status: 403,
        message: "token does not have at least one of required scope(s): [write:repository]",
      }),
    ).toEqual({
      error:
        "403 Forbidden: the token may not start workflows in acme/app; it needs the write:repository scope and write access to the repository (Gitea said: token does not have at least one of required scope(s): [write:repository])",
    });
    expect(
      explainRefusal({ ...workflow, forge: "gitea", status: 403, message: "workflow is disabled" }),
    ).toEqual({
      error:
        "403 Forbidden: workflow 'cd.yml' is disabled in acme/app; enable it in the repository's Actions settings (Gitea said: workflow is disabled)",
    });
  });

  it("skips an archived repository that GitHub refused", () => {
    expect(
      explainRefusal({
        ...repository,
        status: 403,
        message: "Repository was archived so is read-only.",
      }),
    ).toEqual({
      skip: "archived: GitHub refuses dispatches to an archived repository (GitHub said: Repository was archived so is read-only.), so nothing was dispatched to it",
    });
  });

  it("says whether the repository or the workflow is missing for 404", () => {
    expect(explainRefusal({ ...workflow, repoExists: false })).toEqual({
      error:
        "404 Not Found: repository acme/app does not exist, or the token cannot see it (a repository a token may not read answers 404, not 403)",
    });
    expect(explainRefusal({ ...workflow, repoExists: true })).toEqual({
      error:
        "404 Not Found: workflow 'cd.yml' was not found in acme/app (the repository exists); it must be a file under .github/workflows on main",
    });
    expect(
      explainRefusal({
        ...workflow,
        forge: "gitea",
        repoExists: true,
        ref: "nope",
        message: 'ref "nope" doesn\'t exist',
      }),
    ).toEqual({ error: "404 Not Found: ref 'nope' does not exist in acme/app" });
    expect(explainRefusal({ ...repository })).toEqual({
      error:
        "404 Not Found: repository acme/app does not exist, or the token cannot see it (a repository a token may not read answers 404, not 403)",
    });
  });

  it.each([404, 405])(
    "tells a Gitea without repository dispatch (%i) to use mode workflow",
    (status) => {
      const verdict = explainRefusal({ ...repository, forge: "gitea", status, repoExists: true });
      expect(verdict).toEqual({
        error: `${status}: this Gitea server has no repository dispatch endpoint (POST /repos/{owner}/{repo}/dispatches answered ${status}); Gitea cannot receive repository_dispatch events: use mode: workflow with the workflow's file name`,
      });
    },
  );

  it("explains 422 by what GitHub or Gitea said", () => {
    expect(
      explainRefusal({
        ...workflow,
        status: 422,
        message: "Workflow does not have 'workflow_dispatch' trigger",
      }),
    ).toEqual({
      error:
        "422 Unprocessable: Workflow does not have 'workflow_dispatch' trigger (workflow 'cd.yml' has no workflow_dispatch trigger on main: add `on: workflow_dispatch` to it)",
    });
    expect(
      explainRefusal({
        ...workflow,
        status: 422,
        message: "Cannot trigger a 'workflow_dispatch' on a disabled workflow",
      }),
    ).toEqual({
      error:
        "422 Unprocessable: Cannot trigger a 'workflow_dispatch' on a disabled workflow (workflow 'cd.yml' is disabled in acme/app: enable it in the repository's Actions settings)",
    });
    expect(
      explainRefusal({ ...workflow, status: 422, message: "No ref found for: nope", ref: "nope" }),
    ).toEqual({
      error: "422 Unprocessable: No ref found for: nope (ref 'nope' does not exist in acme/app)",
    });
    expect(
      explainRefusal({ ...workflow, status: 422, message: 'Unexpected inputs provided: ["x"]' }),
    ).toEqual({
      error:
        "422 Unprocessable: Unexpected inputs provided: [\"x\"] (the inputs do not match those workflow 'cd.yml' declares)",
    });
  });

  it("leaves other statuses to the shared classification", () => {
    expect(explainRefusal({ ...workflow, status: 502 })).toBeUndefined();
    expect(explainRefusal({ ...workflow, status: 405 })).toBeUndefined();
  });
});
