/** One rate-limit resource (core, graphql, search...) as last reported by GitHub. */
export interface ResourceBudget {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

type Headers = Record<string, string | number | undefined>;

/**
 * The rate-limit budget as the responses report it. Fed from every response by the client;
 * an action asks `allows()` before each mutation, so it stops at a floor instead of
 * running the token dry halfway through a write.
 */
export class Budget {
  private readonly resources = new Map<string, ResourceBudget>();

  /** Records the `x-ratelimit-*` headers of one response (servers without them are ignored). */
  observe(headers: Headers | undefined): void {
    const remaining = Number(headers?.["x-ratelimit-remaining"]);
    if (headers === undefined || !Number.isFinite(remaining)) return;
    const resource = String(headers["x-ratelimit-resource"] ?? "core");
    this.resources.set(resource, {
      remaining,
      limit: Number(headers["x-ratelimit-limit"] ?? 0),
      reset: Number(headers["x-ratelimit-reset"] ?? 0),
    });
  }

  /** What is known of a resource, or undefined before any response reported it. */
  get(resource = "core"): ResourceBudget | undefined {
    return this.resources.get(resource);
  }

  /** True unless the resource is known to be at or below `floor`. */
  allows(floor: number, resource = "core"): boolean {
    const known = this.resources.get(resource);
    return known === undefined || known.remaining > floor;
  }
}
