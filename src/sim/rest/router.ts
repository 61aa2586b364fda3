import type { Route } from "./http.ts";

/** A matched route and its URL-decoded path parameters. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface Compiled {
  route: Route;
  /** Literal segments as strings, parameters as `{ name }`; a `rest` parameter takes the tail. */
  segments: (string | { name: string; rest: boolean })[];
}

function compile(route: Route): Compiled {
  const parts = route.pattern.split("/").slice(1);
  const segments = parts.map((part, index) => {
    const m = /^\{(\w+)(\+?)\}$/.exec(part);
    if (!m) return part;
    const rest = m[2] === "+";
    if (rest && index !== parts.length - 1)
      throw new Error(`route ${route.pattern}: a {name+} parameter must be the last segment`);
    return { name: m[1] ?? "", rest };
  });
  return { route, segments };
}

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

function matchOne(c: Compiled, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < c.segments.length; i++) {
    const segment = c.segments[i];
    const part = parts[i];
    if (part === undefined || segment === undefined) return undefined;
    if (typeof segment === "string") {
      if (segment !== part) return undefined;
      continue;
    }
    const raw = segment.rest ? parts.slice(i).join("/") : part;
    const value = decode(raw);
    if (value === undefined || value === "") return undefined;
    params[segment.name] = value;
    if (segment.rest) return params;
  }
  return parts.length === c.segments.length ? params : undefined;
}

/** Finds the route for a method and path; the patterns are compiled once. */
export class Router {
  private readonly byMethod = new Map<string, Compiled[]>();

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      const list = this.byMethod.get(route.method) ?? [];
      list.push(compile(route));
      this.byMethod.set(route.method, list);
    }
  }

  /** The first route matching, or undefined (the server answers 404, as GitHub does). */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.replace(/\/+$/, "").split("/").slice(1);
    for (const c of this.byMethod.get(method) ?? []) {
      const params = matchOne(c, parts);
      if (params) return { route: c.route, params };
    }
    return undefined;
  }
}
