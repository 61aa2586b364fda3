import { join } from "node:path";
import { workspaceEntry } from "../../core/workspace-file.ts";

/** What one smoke leg reports for a package (`job.status`, or a skipped leg). */
export type Outcome = "success" | "failure" | "cancelled" | "skipped";

const outcomes: readonly Outcome[] = ["success", "failure", "cancelled", "skipped"];

/**
 * A package name is the state file's name: letters, digits, `.`, `_`, `-`, starting with a
 * letter or digit, at most 100 characters (no `/`, no `..`, nothing a file system or git
 * path would read differently).
 */
export const packageNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Why a package name cannot be used, or undefined when it can. */
export function packageNameProblem(name: string): string | undefined {
  if (!packageNamePattern.test(name))
    return "allowed letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters (the name is a state file's name)";
  if (name.includes("..")) return "allowed a name without '..' (the name is a state file's name)";
  return undefined;
}

/** Thrown for outcomes that cannot be used; names the file (or inline JSON) and the package. */
export class OutcomesError extends Error {
  override readonly name = "OutcomesError";
}

// When legs disagree about a package (one package tested on several OS legs), a failure
// anywhere is a failure; a cancelled leg means the package was not fully tested, so no count
// changes; only then does a success count.
const rank: Record<Outcome, number> = { failure: 3, cancelled: 2, success: 1, skipped: 0 };

/** Adds one source's `{package: outcome}` object into `into`, validating every entry. */
function addSource(into: Map<string, Outcome>, text: string, source: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OutcomesError(
      `outcomes ${source}: malformed JSON (${(error as Error).message}); allowed an object like {"<package>": "success"}`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new OutcomesError(
      `outcomes ${source}: found ${Array.isArray(value) ? "an array" : JSON.stringify(value)}, allowed an object like {"<package>": "success"}`,
    );
  }
  for (const [name, raw] of Object.entries(value)) {
    const problem = packageNameProblem(name);
    if (problem) throw new OutcomesError(`outcomes ${source}: package '${name}': ${problem}`);
    const outcome = typeof raw === "string" ? raw.trim().toLowerCase() : raw;
    if (!outcomes.includes(outcome as Outcome)) {
      throw new OutcomesError(
        `outcomes ${source}: package '${name}': found ${JSON.stringify(raw)}, allowed one of ${outcomes.join(", ")}`,
      );
    }
    const previous = into.get(name);
    if (previous === undefined || rank[outcome as Outcome] > rank[previous])
      into.set(name, outcome as Outcome);
  }
}

/**
 * Reads the `outcomes` input: inline JSON, a JSON file, or a folder of per-leg JSON files
 * (as downloaded from the legs' artifacts), inside the workspace `root`. Packages come back
 * sorted by name. An empty result is an error: a smoke run that reported nothing means the
 * legs' artifacts went missing, and "nothing failed" would be a lie.
 */
export function readOutcomes(raw: string, root: string): Map<string, Outcome> {
  const found = new Map<string, Outcome>();
  const text = raw.trim();
  let where: string;
  if (text.startsWith("{")) {
    where = "(inline JSON)";
    addSource(found, text, where);
  } else {
    const entry = workspaceEntry("outcomes", text, root);
    if (entry.kind === "folder") {
      where = `folder ${text}`;
      const files = entry.files.filter((f) => f.name.endsWith(".json"));
      if (files.length === 0)
        throw new OutcomesError(
          `outcomes ${where}: no .json files in it; did the legs upload their outcomes?`,
        );
      for (const file of files) addSource(found, file.read(), join(text, file.name));
    } else {
      where = text;
      addSource(found, entry.text, where);
    }
  }
  if (found.size === 0) throw new OutcomesError(`outcomes ${where}: no package outcomes in it`);
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
