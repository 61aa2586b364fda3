import type { SimState } from "../state.ts";

/**
 * The whole state as canonical JSON (maps as entry lists in insertion order, which the
 * builder makes deterministic): equal dumps mean equal states. The node-id index is reduced
 * to its keys, since its values repeat the repositories; a board's item index is left out,
 * since it repeats the board's items.
 */
export function dumpState(state: SimState): string {
  const { nextId: _nextId, issueNodes, ...rest } = state;
  return JSON.stringify({ ...rest, issueNodes: [...issueNodes.keys()] }, (key, value: unknown) =>
    key === "itemByContent" ? undefined : value instanceof Map ? [...value.entries()] : value,
  );
}
