import type { Sim } from "../sim/index.ts";

/** One action in `npm run demo`: which targets it runs on and with what inputs. */
export interface DemoStep {
  /** Folder name under actions/. */
  action: string;
  /** resolve-targets filter selecting the step's repositories (default `true`). */
  filter?: string;
  /** Inputs besides token, api-url and dry-run; `repositories` is the filtered set, comma-joined. */
  inputs(context: { repositories: string; sim: Sim }): Record<string, string>;
  /** Whether the action has a dry-run input to preview with first (default true). */
  previews?: boolean;
  /** Runs before the step, e.g. to play a history of events into the simulator. */
  prepare?(sim: Sim): Promise<void>;
}
