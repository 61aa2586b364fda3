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
  /** Every board item whose content is this issue or pull request node id. */
  itemsOfContent(contentNodeId: string): PlacedItem[];
  /** Forget what was derived from the state; mutations call it after writing. */
  changed(): void;
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
  // Listing 100 issues asks each for its board items: one index per request keeps that linear.
  let index: Map<string, PlacedItem[]> | undefined;
  return {
    ...init,
    at: () => iso(init.clock.now()),
    itemsOfContent(contentNodeId) {
      if (!index) {
        index = new Map();
        for (const project of init.state.projects)
          for (const item of project.items) {
            const list = index.get(item.contentNodeId) ?? [];
            list.push({ project, item });
            index.set(item.contentNodeId, list);
          }
      }
      return index.get(contentNodeId) ?? [];
    },
    changed() {
      index = undefined;
    },
  };
}
