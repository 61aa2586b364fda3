/** One line of bench/results.json. */
export interface BenchRow {
  action: string;
  scenario: string;
  /** Simulated latency per request. */
  latencyMs: number;
  /** Requests our action made. */
  requests: number;
  /** Requests the work truly needs, computed from the scenario (list pages + one per mutation). */
  minimum: number;
  /** requests / minimum. */
  ratio: number;
  wallMs: number;
  /** The bash + gh way, run in the same process over the same state. */
  naive?: { requests: number; wallMs: number; [figure: string]: number };
  /** Action-specific figures (deletes per minute, runs left behind, GraphQL points...). */
  [figure: string]: unknown;
}

/** A benchmark module: its scenarios, small (`quick`) or full. */
export interface Bench {
  name: string;
  run(o: { quick: boolean; log: (line: string) => void }): Promise<BenchRow[]>;
}

/** ratio rounded for reading. */
export const ratio = (requests: number, minimum: number) =>
  minimum === 0 ? (requests === 0 ? 1 : Infinity) : Math.round((requests / minimum) * 1000) / 1000;
