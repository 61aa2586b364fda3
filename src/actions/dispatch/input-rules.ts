import { refNameProblem } from "../../core/git-ref.ts";

/** The two kinds of dispatch. */
const MODES = ["repository", "workflow"] as const;
export type Mode = (typeof MODES)[number];

/** Where the targets live. */
export type Forge = "github" | "gitea";

/** The inputs the cross-field rules read (the schema's output, before the rules ran). */
export interface RuleInputs {
  repositories: string[];
  forge: Forge;
  mode: string;
  "event-type"?: string | undefined;
  "client-payload"?: Record<string, unknown> | undefined;
  workflow?: string | undefined;
  ref?: string | undefined;
  inputs?: Record<string, unknown> | undefined;
  "wait-timeout-seconds": number;
}

/** One bad input: its name and what was found and what is allowed. */
export interface InputProblem {
  input: string;
  message: string;
}

const WORKFLOW_FILE = /^[A-Za-z0-9._-]+\.ya?ml$/;
const WORKFLOW_ID = /^\d+$/;
const MAX_EVENT_TYPE = 100;

/** An unset input: text inputs read as "", the others as undefined. */
const unset = (v: unknown) => v === undefined || v === "";

const isScalar = (v: unknown) =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";

function workflowProblem(workflow: string, forge: Forge): string | undefined {
  if (WORKFLOW_FILE.test(workflow)) return undefined;
  if (forge === "github" && WORKFLOW_ID.test(workflow)) return undefined;
  const file = workflow.split("/").pop() ?? "";
  const hint = WORKFLOW_FILE.test(file) ? ` (did you mean '${file}'?)` : "";
  return forge === "gitea"
    ? `found '${workflow}', allowed the workflow's file name such as cd.yml (Gitea names workflows by file name)${hint}`
    : `found '${workflow}', allowed the workflow's file name such as cd.yml, or its numeric id${hint}`;
}

/** What one mode's inputs mean in the other: named so a mix-up is an error, not ignored. */
const belongsTo: Record<string, Mode> = {
  "event-type": "repository",
  "client-payload": "repository",
  workflow: "workflow",
  ref: "workflow",
  inputs: "workflow",
};

/**
 * The rules between inputs, checked before any request: a mode and what it needs, nothing
 * meant for the other mode, a workflow named as the forge names it, scalar workflow inputs,
 * no repository listed twice under different case, waiting only for workflow runs.
 */
export function inputProblems(i: RuleInputs): InputProblem[] {
  const problems: InputProblem[] = [];
  const add = (input: string, message: string) => problems.push({ input, message });
  if (!(MODES as readonly string[]).includes(i.mode)) {
    if (i.mode !== "") add("mode", `found '${i.mode}', allowed one of ${MODES.join(", ")}`);
    return problems;
  }
  const mode = i.mode as Mode;
  for (const [name, owner] of Object.entries(belongsTo)) {
    const value = i[name as keyof RuleInputs];
    if (owner !== mode && !unset(value))
      add(name, `is for mode ${owner}; found it set with mode ${mode}`);
  }
  if (mode === "repository") {
    const eventType = i["event-type"];
    if (eventType === undefined || unset(eventType))
      add("event-type", "is required with mode repository");
    else if (eventType.length > MAX_EVENT_TYPE)
      add("event-type", `found ${eventType.length} characters, allowed 1 to ${MAX_EVENT_TYPE}`);
    if (i["wait-timeout-seconds"] > 0)
      add(
        "wait-timeout-seconds",
        `found ${i["wait-timeout-seconds"]}, allowed 0 with mode repository (a repository_dispatch does not say which run it started)`,
      );
  } else {
    if (i.workflow === undefined || unset(i.workflow.trim()))
      add("workflow", "is required with mode workflow");
    else {
      const problem = workflowProblem(i.workflow.trim(), i.forge);
      if (problem) add("workflow", problem);
    }
    const ref = i.ref?.trim() ?? "";
    if (ref !== "") {
      const problem = refNameProblem(ref);
      if (problem) add("ref", `found ${JSON.stringify(ref)}: ${problem}`);
    }
    for (const [key, value] of Object.entries(i.inputs ?? {}))
      if (!isScalar(value))
        add(
          "inputs",
          `found ${JSON.stringify(value)} for key '${key}', allowed string, number or boolean values (workflow_dispatch inputs are scalars)`,
        );
  }
  const seen = new Map<string, string>();
  for (const name of i.repositories) {
    const first = seen.get(name.toLowerCase());
    if (first !== undefined)
      add(
        "repositories",
        `found '${first}' and '${name}', which name the same repository (names are case-insensitive); list it once`,
      );
    else seen.set(name.toLowerCase(), name);
  }
  return problems;
}
