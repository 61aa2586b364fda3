import { githubError } from "./errors.ts";

/** The Relay paging arguments every GitHub connection takes. */
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** A position in a sorted list: the sort values of one element, ending with a unique one. */
export type CursorKey = (string | number)[];

const PREFIX = "cursor:v2:";

function encode(key: CursorKey): string {
  return Buffer.from(PREFIX + JSON.stringify(key)).toString("base64");
}

function decode(cursor: string, length: number | undefined): CursorKey {
  const text = Buffer.from(cursor, "base64").toString("utf8");
  if (text.startsWith(PREFIX)) {
    try {
      const key: unknown = JSON.parse(text.slice(PREFIX.length));
      if (Array.isArray(key) && (length === undefined || key.length === length))
        return key as CursorKey;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  throw githubError(
    "INVALID_CURSOR_ARGUMENTS",
    `\`${cursor}\` does not appear to be a valid cursor.`,
  );
}

/** Compares keys element by element; `descending[i]` flips element i. */
export function compareKeys(a: CursorKey, b: CursorKey, descending: boolean[] = []): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    const order = x < y ? -1 : 1;
    return descending[i] ? -order : order;
  }
  return 0;
}

/**
 * One page of `list` (already in the order the connection reports) as a GitHub connection
 * object. A cursor holds the sort key of its element rather than an offset, so paging stays
 * correct while the list changes between requests (an issue closed, an item added), as
 * GitHub's cursors do.
 */
export function connection<T>(
  list: readonly T[],
  args: PageArgs,
  options: {
    key: (item: T, index: number) => CursorKey;
    /** Per key element, whether the list is sorted descending on it. */
    descending?: boolean[];
    view: (item: T) => unknown;
    /** Further fields of this connection type (`updatedAt`...). */
    extra?: Record<string, unknown>;
    /** Add `filteredCount` (after the cursors) and `pageCount` (this page), as timelines do. */
    counts?: boolean;
  },
): Record<string, unknown> {
  const keys = list.map((item, i) => options.key(item, i));
  const width = keys[0]?.length;
  const cmp = (a: CursorKey, b: CursorKey) => compareKeys(a, b, options.descending);
  let start = 0;
  let end = list.length;
  if (args.after) {
    const after = decode(args.after, width);
    while (start < end && cmp(keys[start] as CursorKey, after) <= 0) start++;
  }
  if (args.before) {
    const before = decode(args.before, width);
    let i = start;
    while (i < end && cmp(keys[i] as CursorKey, before) < 0) i++;
    end = i;
  }
  const filteredCount = end - start;
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const edges: { cursor: string; node: unknown }[] = [];
  for (let i = start; i < end; i++)
    edges.push({ cursor: encode(keys[i] as CursorKey), node: options.view(list[i] as T) });
  return {
    totalCount: list.length,
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: end < list.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    ...(options.counts ? { filteredCount, pageCount: edges.length } : {}),
    ...options.extra,
  };
}
