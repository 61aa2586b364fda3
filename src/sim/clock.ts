import type { SimClock } from "./state.ts";

/**
 * How the simulator tells time: `"real"` runs at wall-clock speed from the scenario's "now";
 * `"manual"` (or `{ start }`) stands still until a test calls `advance`.
 */
export type SimClockOption = "real" | "manual" | { start: number };

/** A clock that starts at `scenarioNow` (or `option.start`). */
export function createSimClock(option: SimClockOption, scenarioNow: number): SimClock {
  if (option === "real") {
    let offset = scenarioNow - Date.now();
    return {
      now: () => Date.now() + offset,
      advance: (ms) => {
        offset += ms;
      },
    };
  }
  let now = option === "manual" ? scenarioNow : option.start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}
