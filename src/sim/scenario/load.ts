import { readFileSync } from "node:fs";
import type { z } from "zod";
import { allowedByIssue, describeValue, valueAt } from "../../core/problem-wording.ts";
import {
  dataLocator,
  parseYamlSource,
  problemLines,
  type Locator,
  type Problem,
} from "../../core/yaml-problems.ts";
import { scenarioSchema, type ResolvedScenario } from "./spec.ts";

/** Every problem found in a scenario, one line each: `file:LINE:COL: path: found x, allowed y`. */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/** Every zod issue as a problem; cross-field checks and unknown keys word their whole message. */
function problemsOf(error: z.ZodError, raw: unknown, locator: Locator): Problem[] {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0]!;
      const path = [...issue.path, key];
      return { offset: locator.keyOffset(issue.path, key), path, message: issue.message };
    }
    const offset = locator.offsetOf(issue.path);
    if (issue.message.startsWith("found ")) {
      return { offset, path: issue.path, message: issue.message };
    }
    const value = valueAt(raw, issue.path);
    const found =
      value === undefined
        ? "nothing (the field is required)"
        : describeValue(value, { bareScalars: true });
    return { offset, path: issue.path, found, allowed: allowedByIssue(issue) };
  });
}

/**
 * Validates a scenario given as data (from code or a parsed file). Throws a ScenarioError
 * listing every problem, each naming the field; `source` names the scenario in them.
 */
export function parseScenario(
  raw: unknown,
  source = "scenario",
  locator: Locator = dataLocator(source),
): ResolvedScenario {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ScenarioError(problemLines(problemsOf(parsed.error, raw, locator), locator.where));
  }
  return parsed.data;
}

/**
 * Parses and validates a scenario file's text (YAML, or JSON, which YAML reads too); every
 * problem names `file:LINE:COL` and the field. `defaults.now` stands in for a missing `now`
 * (`fleet sim` passes the current time, so ages are relative to when it starts).
 */
export function parseScenarioText(
  text: string,
  file: string,
  defaults: { now?: number } = {},
): ResolvedScenario {
  const source = parseYamlSource(text, file);
  if (source.doc.errors.length > 0) {
    throw new ScenarioError(
      source.doc.errors.map(
        (e) =>
          `${source.where(e.pos[0])}: found invalid YAML (${e.code}), allowed one YAML document`,
      ),
    );
  }
  const raw = source.toJS();
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ScenarioError([
      `${source.where(0)}: (root): found ${describeValue(raw ?? undefined, { bareScalars: true })}, allowed a map with orgs, and optionally seed, now, admin, tokens`,
    ]);
  }
  const withNow =
    (raw as { now?: unknown }).now === undefined && defaults.now !== undefined
      ? { ...raw, now: defaults.now }
      : raw;
  return parseScenario(withNow, file, source);
}

/** Reads and validates a scenario file (see parseScenarioText). */
export function loadScenarioFile(path: string, defaults: { now?: number } = {}): ResolvedScenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ScenarioError([
      `${path}: found no readable file (${(error as Error).message}), allowed a scenario file (YAML or JSON)`,
    ]);
  }
  return parseScenarioText(text, path, defaults);
}
