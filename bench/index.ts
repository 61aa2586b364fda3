import type { Bench } from "./row.ts";

/** Every benchmark, in the order `npm run bench` runs them; each action's issue adds its own. */
export const benches: Bench[] = [];
