import { defaultWording, type ApplyWording } from "./apply.ts";

/**
 * The run's limits in a dry run's words. A dry run stops at the cap where a real run would,
 * but nothing was changed, so its warning says what a real run would do: "would reach
 * max-deletes (5); 10 runs would be left for the next run". Every cap wording starts with
 * what was reached and ends with what is left, so only those verbs change. The floor and a
 * stop are not reworded: a dry run's reads really met them.
 */
export function dryRunWording<T>(wording: Partial<ApplyWording<T>> = {}): Partial<ApplyWording<T>> {
  const capReached = wording.capReached ?? defaultWording.capReached;
  return {
    ...wording,
    capReached: (capInput, cap, left) =>
      capReached(capInput, cap, left)
        .replace(/^reached /, "would reach ")
        .replace(/ left for the next run$/, " would be left for the next run"),
  };
}
