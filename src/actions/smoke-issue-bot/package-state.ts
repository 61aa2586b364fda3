import { z } from "zod";

/** One failing smoke run, as remembered for the issue body and for rerun detection. */
export interface FailedRun {
  /** The run's id (from its URL), or the URL itself when it has no numeric id. */
  id: string;
  url: string;
  /** When the outcome was recorded. */
  at: string;
}

/** What the bot remembers of one package: the JSON file `<state-path>/<package>.json`. */
export interface PackageState {
  version: 1;
  package: string;
  /** Consecutive failures since the last success (or since a human closed the issue). */
  failures: number;
  /** The failing runs of the current streak, oldest first, the last `keptRuns` of them. */
  runs: FailedRun[];
  /** The tracking issue the bot opened or adopted, while it is open. */
  issue: number | null;
  /** A run that is opening the tracking issue right now (its lease keeps others from opening another). */
  opening: { run: string; at: string } | null;
}

/** How many failing runs a state keeps (and the issue body lists). */
export const keptRuns = 10;

const stateSchema = z.strictObject({
  version: z.literal(1),
  package: z.string(),
  failures: z.number().int().min(0),
  runs: z.array(z.strictObject({ id: z.string(), url: z.string(), at: z.string() })),
  issue: z.number().int().positive().nullable(),
  opening: z.strictObject({ run: z.string(), at: z.string() }).nullable(),
});

/** The state of a package the bot has never seen. */
export function freshState(name: string): PackageState {
  return {
    version: 1,
    package: name,
    failures: 0,
    runs: [],
    issue: null,
    opening: null,
  };
}

/** Thrown for a state file that is not what the bot wrote; the run stops before any write. */
export class StateFileError extends Error {
  override readonly name = "StateFileError";
}

/**
 * Parses a state file. Anything but a valid state is an error naming the file and the field:
 * replacing an unreadable file with a fresh state would silently reset the package's count.
 */
export function parseState(text: string, file: string, name: string): PackageState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`${file}: malformed JSON (${(error as Error).message})`);
  }
  const parsed = stateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StateFileError(
      `${file}: ${issue.path.join(".") || "(top level)"}: ${issue.message}; fix or delete the file (deleting it resets the package's count)`,
    );
  }
  if (parsed.data.package !== name)
    throw new StateFileError(
      `${file}: package: found '${parsed.data.package}', allowed '${name}' (the file's name)`,
    );
  return parsed.data;
}

/** The file's text: stable key order, one trailing newline, so equal states give equal blobs. */
export function serializeState(state: PackageState): string {
  const ordered: PackageState = {
    version: 1,
    package: state.package,
    failures: state.failures,
    runs: state.runs.map((r) => ({ id: r.id, url: r.url, at: r.at })),
    issue: state.issue,
    opening: state.opening && { run: state.opening.run, at: state.opening.at },
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
