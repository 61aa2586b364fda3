import type { RateState } from "../rate-limit.ts";
import {
  iso,
  type SimClock,
  type SimProject,
  type SimProjectItem,
  type SimState,
  type SimToken,
} from "../state.ts";

/** An item and the board it is on. */
export interface PlacedItem {
  project: SimProject;
  item: SimProjectItem;
}

/** What every resolver of one request shares. */
export interface GraphqlContext {
  state: SimState;
  token: SimToken;
  clock: SimClock;
  /** This request's points and possible nodes, for `rateLimit`. */
  cost: number;
  nodeCount: number;
  /** The token's GraphQL budget before this request, when the server tracks one. */
  rate?: RateState;
  /** "now" on the sim clock as a GitHub timestamp. */
  at(): string;
}

/** A context for one request. */
export function createContext(init: {
  state: SimState;
  token: SimToken;
  clock: SimClock;
  cost: number;
  nodeCount: number;
  rate?: RateState;
}): GraphqlContext {
  return { ...init, at: () => iso(init.clock.now()) };
}
