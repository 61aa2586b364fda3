/** One request the simulator answered (or dropped). */
export interface LogEntry {
  method: string;
  /** URL path without the query. */
  path: string;
  query: Record<string, string>;
  /** GraphQL operation name, when the request was a named GraphQL operation. */
  operation?: string;
  /** A REST write or a GraphQL mutation. */
  mutating: boolean;
  /** HTTP status; 0 when a fault reset the connection. */
  status: number;
  /** Login of the token's identity (never the secret), or undefined without a valid token. */
  token?: string;
  /** Sim-clock time the request arrived (ms). */
  time: number;
}

/** Which entries to count: fields to match (a RegExp or glob for `path`), or a predicate. */
export type LogFilter =
  | ((entry: LogEntry) => boolean)
  | {
      method?: string;
      path?: string | RegExp;
      operation?: string;
      mutating?: boolean;
      status?: number;
      token?: string;
    };

/**
 * A `*` in a glob matches within one path segment, `**` across segments; a string without
 * wildcards must equal the whole path.
 */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*"),
    )
    .join(".*");
  return new RegExp(`^${source}$`);
}

/** Whether `path` matches a glob string or RegExp. */
export function pathMatches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === "string" ? globToRegExp(pattern).test(path) : pattern.test(path);
}

function matches(filter: LogFilter, e: LogEntry): boolean {
  if (typeof filter === "function") return filter(e);
  return (
    (filter.method === undefined || filter.method.toUpperCase() === e.method) &&
    (filter.path === undefined || pathMatches(filter.path, e.path)) &&
    (filter.operation === undefined || filter.operation === e.operation) &&
    (filter.mutating === undefined || filter.mutating === e.mutating) &&
    (filter.status === undefined || filter.status === e.status) &&
    (filter.token === undefined || filter.token === e.token)
  );
}

/** Every request the simulator saw, in arrival order. */
export class RequestLog {
  readonly entries: LogEntry[] = [];

  add(entry: LogEntry): void {
    this.entries.push(entry);
  }

  /** REST writes and GraphQL mutations (attempts included, whatever their status). */
  mutations(): LogEntry[] {
    return this.entries.filter((e) => e.mutating);
  }

  /** Entries matching `filter` (all when omitted). */
  filter(filter?: LogFilter): LogEntry[] {
    return filter === undefined
      ? [...this.entries]
      : this.entries.filter((e) => matches(filter, e));
  }

  /** How many entries match `filter` (all when omitted). */
  count(filter?: LogFilter): number {
    return filter === undefined ? this.entries.length : this.filter(filter).length;
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** One line per request, like a `--- REQUESTS ---` dump: `GET /path?query -> 200 (login)`. */
  format(filter?: LogFilter): string {
    return this.filter(filter)
      .map((e) => {
        const query = new URLSearchParams(e.query).toString();
        const target = e.operation
          ? `${e.path} ${e.mutating ? "mutation" : "query"} ${e.operation}`
          : `${e.path}${query ? `?${query}` : ""}`;
        const status = e.status === 0 ? "reset" : String(e.status);
        return `${e.method} ${target} -> ${status}${e.token ? ` (${e.token})` : ""}`;
      })
      .join("\n");
  }
}
