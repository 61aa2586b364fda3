import type { z } from "zod";
import type { Clock } from "./clock.ts";
import type { ClientLimits, FleetClient } from "./client.ts";
import type { InputSchema } from "./inputs.ts";
import type { Logger } from "./logger.ts";
import type { ActionResult, RepoResult } from "./report.ts";

/** What an action's `run()` is given instead of reaching for globals, so tests can substitute. */
export interface ActionDeps {
  log: Logger;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** The folder relative paths (registry, outcome files) are read from. */
  cwd: string;
  /**
   * The one way to get a GitHub client: token + REST root, and the limits the action's inputs
   * set (the longest rate-limit wait), which override the deps' own timings.
   */
  makeClient(token: string, baseUrl: string, limits?: ClientLimits): FleetClient;
  /**
   * Keeps a repository's row as soon as it is final, so that a failure later in the run (in
   * its summary, say) still reports, in the outputs, what was already done.
   */
  keep?(row: RepoResult): void;
}

/** One action: its folder name, summary title, inputs schema (mirrors action.yml) and logic. */
export interface ActionSpec<S extends InputSchema = InputSchema> {
  name: string;
  title: string;
  schema: S;
  run(inputs: z.infer<S>, deps: ActionDeps): Promise<ActionResult>;
}

/** Declares an action with its input types inferred from the schema. */
export function defineAction<S extends InputSchema>(spec: ActionSpec<S>): ActionSpec<S> {
  return spec;
}
