import { refNameProblem } from "../../core/git-ref.ts";
import { InputError } from "../../core/inputs.ts";
import { labelNameProblem } from "../../core/label-name.ts";
import type { Inputs } from "./inputs.ts";

/** The inputs checked beyond their types, with what each mode needs derived from them. */
export interface Settings {
  repository: string;
  archivalDays: number[];
  statePath: string;
}

const found = (name: string, value: string, allowed: string) =>
  `Input '${name}': found '${value}', allowed ${allowed}`;

const refused = (name: string, value: string, problem: string | undefined) =>
  problem === undefined ? undefined : `Input '${name}': found '${value}': ${problem}`;

function pathProblem(value: string): string | undefined {
  const parts = value.split("/");
  const bad = value === "" || parts.some((p) => p === "" || p === "." || p === "..");
  return bad
    ? found(
        "state-path",
        value,
        "a folder path like 'smoke-state' (no leading or trailing '/', no '.' or '..')",
      )
    : undefined;
}

/**
 * Checks what the schema cannot: one repository, label and branch names GitHub accepts, a
 * usable state folder, milestone days, and `outcomes` in record mode. Every problem at once,
 * each naming the input, what was found and what is allowed, before any request.
 */
export function checkSettings(inputs: Inputs): Settings {
  const problems: string[] = [];
  if (inputs.repository.length !== 1)
    problems.push(found("repository", inputs.repository.join(","), "exactly one owner/name"));
  for (const name of ["label", "archival-label"] as const) {
    const p = refused(name, inputs[name], labelNameProblem(inputs[name]));
    if (p) problems.push(p);
  }
  if (inputs.title.trim() === "" || inputs.title.length > 256)
    problems.push(
      found("title", inputs.title, "a title of 1 to 256 characters ({package} is replaced)"),
    );
  const branch = refused(
    "state-branch",
    inputs["state-branch"],
    refNameProblem(inputs["state-branch"]),
  );
  if (branch) problems.push(branch);
  const path = pathProblem(inputs["state-path"]);
  if (path) problems.push(path);
  const days = inputs["archival-days"];
  const archivalDays = days.map(Number);
  if (
    days.length === 0 ||
    !days.every((d) => /^\d+$/.test(d) && Number(d) >= 1 && Number(d) <= 3650)
  )
    problems.push(
      found(
        "archival-days",
        days.join(","),
        "whole numbers of days from 1 to 3650, comma-separated",
      ),
    );
  if (inputs.mode === "record" && (inputs.outcomes ?? "").trim() === "")
    problems.push(
      "Input 'outcomes': is required in record mode (inline JSON, a JSON file or a folder of per-leg JSON files)",
    );
  if (problems.length > 0) throw new InputError(problems.join("\n"));
  return {
    repository: inputs.repository[0]!,
    archivalDays: [...new Set(archivalDays)].sort((a, b) => a - b),
    statePath: inputs["state-path"],
  };
}
