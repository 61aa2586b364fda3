import type { Sim } from "../sim/index.ts";

/** One action in `npm run demo`: which targets it runs on and with what inputs. */
export interface DemoStep {
  /** Folder name under actions/. */
  action: string;
  /** Tells apart two steps of one action (`record`, `archival`) in headings and file names. */
  variant?: string;
  /** resolve-targets filter selecting the step's repositories (default `true`). */
  filter?: string;
  /** Inputs besides token, api-url and dry-run; `repositories` is the filtered set, comma-joined. */
  inputs(context: { repositories: string; sim: Sim }): Record<string, string>;
  /** What each row of the action's table is (pin-promote's are environments); repository unless said. */
  rows?: string;
  /** Whether the action has a dry-run input to preview with first (default true). */
  previews?: boolean;
  /** Runs before the step, e.g. to play a history of events into the simulator. */
  prepare?(sim: Sim): Promise<void>;
  /** Mutating requests so far on the server the action talks to (default: the GitHub simulator). */
  mutations?(sim: Sim): number;
  /** Runs after the step, pass or fail, e.g. to stop a server that prepare started. */
  cleanup?(): Promise<void>;
}
