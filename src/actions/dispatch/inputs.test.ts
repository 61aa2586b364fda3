import { describe, expect, it } from "vitest";
import { readInputs } from "../../core/inputs.ts";
import { dispatchOptions, schema } from "./inputs.ts";

/** action.yml's defaults as a runner passes them: unset inputs are empty strings. */
const DEFAULT_INPUTS: Readonly<Record<string, string>> = Object.freeze({
  repositories: "acme/app",
  token: "t0ken-for-tests",
  mode: "workflow",
  workflow: "cd.yml",
});

const read = (inputs: Record<string, string>) =>
  readInputs(schema, (name) => ({ ...DEFAULT_INPUTS, ...inputs })[name] ?? "", {});

const errorOf = (inputs: Record<string, string>) => {
  try {
    read(inputs);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the inputs were accepted");
};

describe("dispatch inputs", () => {
  it("reads a workflow dispatch with action.yml's defaults", () => {
    const o = dispatchOptions(read({ inputs: '{"version":"1.2.3","force":true}' }));
    expect(o).toEqual({
      forge: "github",
      kind: {
        mode: "workflow",
        workflow: "cd.yml",
        ref: undefined,
        inputs: { version: "1.2.3", force: true },
      },
      preflight: true,
      dryRun: true,
      waitTimeoutSeconds: 0,
    });
  });

  it("reads a repository dispatch", () => {
    const o = dispatchOptions(
      read({
        mode: "repository",
        workflow: "",
        "event-type": "runtime-published",
        "client-payload": '{"version":"2"}',
      }),
    );
    expect(o.kind).toEqual({
      mode: "repository",
      eventType: "runtime-published",
      clientPayload: { version: "2" },
    });
  });

  it("refuses a payload of more than 10 top-level keys, naming the input", () => {
    const payload = JSON.stringify(
      Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])),
    );
    expect(
      errorOf({ mode: "repository", workflow: "", "event-type": "x", "client-payload": payload }),
    ).toBe(
      `Input 'client-payload': found '${payload}', allowed a JSON object of at most 10 top-level keys (found 11)`,
    );
  });

  it.each([
    [{ mode: "" }, "Input 'mode': is required"],
    [{ mode: "workflows" }, "Input 'mode': found 'workflows', allowed one of repository, workflow"],
    [{ workflow: "" }, "Input 'workflow': is required with mode workflow"],
    [
      { workflow: ".github/workflows/cd.yml" },
      "Input 'workflow': found '.github/workflows/cd.yml', allowed the workflow's file name such as cd.yml, or its numeric id (did you mean 'cd.yml'?)",
    ],
    [
      { forge: "gitea", "api-url": "https://gitea.example.com/api/v1", workflow: "1234" },
      "Input 'workflow': found '1234', allowed the workflow's file name such as cd.yml (Gitea names workflows by file name)",
    ],
    [
      { "event-type": "deploy" },
      "Input 'event-type': is for mode repository; found it set with mode workflow",
    ],
    [{ mode: "repository", workflow: "" }, "Input 'event-type': is required with mode repository"],
    [
      { mode: "repository", "event-type": "x" },
      "Input 'workflow': is for mode workflow; found it set with mode repository",
    ],
    [
      { mode: "repository", workflow: "", "event-type": "x", "wait-timeout-seconds": "60" },
      "Input 'wait-timeout-seconds': found 60, allowed 0 with mode repository (a repository_dispatch does not say which run it started)",
    ],
    [
      { inputs: '{"matrix":["a"]}' },
      `Input 'inputs': found ["a"] for key 'matrix', allowed string, number or boolean values (workflow_dispatch inputs are scalars)`,
    ],
    [
      { repositories: "acme/app, Acme/App" },
      "Input 'repositories': found 'acme/app' and 'Acme/App', which name the same repository (names are case-insensitive); list it once",
    ],
    [{ forge: "forgejo" }, "Input 'forge': found 'forgejo', allowed one of github, gitea"],
    [
      { "wait-timeout-seconds": "-1" },
      "Input 'wait-timeout-seconds': found '-1', allowed a whole number from 0 to 21600",
    ],
    [{ preflight: "yes" }, "Input 'preflight': found 'yes', allowed true or false"],
  ])("refuses %j", (inputs, message) => {
    expect(errorOf(inputs)).toBe(message);
  });

  it("keeps repository names exactly as given", () => {
    expect(read({ repositories: "Acme/App\nacme-labs/Tools" }).repositories).toEqual([
      "Acme/App",
      "acme-labs/Tools",
    ]);
  });
});
