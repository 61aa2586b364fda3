import { describe, expect, it } from "vitest";
import { classifyError } from "./errors.ts";

const http = (status: number, message: string, headers: Record<string, string> = {}) => ({
  status,
  message,
  response: { headers, data: { message } },
});

describe("classifyError", () => {
  it("says what to do about a 401", () => {
    const e = classifyError(http(401, "Bad credentials"), { repository: "acme/a" });
    expect(e.kind).toBe("unauthorized");
    expect(e.message).toMatch(/^acme\/a: 401 Unauthorized: the token is invalid or expired/);
  });

  it("names the missing permission when GitHub says it", () => {
    const e = classifyError(
      http(403, "Resource not accessible by integration", {
        "x-accepted-github-permissions": "issues=write",
      }),
      { repository: "acme/a", doing: "closing #3" },
    );
    expect(e.message).toBe(
      "closing #3 on acme/a: 403 Forbidden: Resource not accessible by integration; the token needs permission issues=write",
    );
  });

  it("marks a 403 for a missing permission, and not a 403 about one item", () => {
    const byHeader = http(403, "Forbidden", { "x-accepted-github-permissions": "actions=write" });
    expect(classifyError(byHeader).missingPermission).toBe(true);
    expect(
      classifyError(http(403, "Resource not accessible by integration")).missingPermission,
    ).toBe(true);
    expect(
      classifyError(http(403, "Must have admin rights to Repository.")).missingPermission,
    ).toBe(true);
    const locked = classifyError(http(403, "Unable to create comment because issue is locked."));
    expect(locked.kind).toBe("forbidden");
    expect(locked.missingPermission).toBe(false);
    const graphql = classifyError({
      errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }],
    });
    expect(graphql).toMatchObject({ kind: "forbidden", missingPermission: true });
  });

  it("keeps every mark when reworded", () => {
    const e = classifyError(http(403, "Resource not accessible by integration"));
    const reworded = e.reworded(`re-reading: ${e.message}`);
    expect(reworded).toMatchObject({ kind: "forbidden", status: 403, missingPermission: true });
    expect(reworded.message).toBe(
      "re-reading: 403 Forbidden: Resource not accessible by integration",
    );
  });

  it("tells a primary rate limit from a permission problem, with the reset", () => {
    const e = classifyError(
      http(403, "API rate limit exceeded", {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "1780272000",
      }),
    );
    expect(e.kind).toBe("rate-limited");
    expect(e.message).toMatch(/0 requests left; resets at 2026-06-01T00:00:00.000Z/);
    expect(e.resetAt).toBe(1780272000 * 1000);
  });

  it("recognises GraphQL RATE_LIMITED and NOT_FOUND", () => {
    expect(classifyError({ errors: [{ type: "RATE_LIMITED", message: "x" }] }).kind).toBe(
      "rate-limited",
    );
    const nf = classifyError({
      errors: [{ type: "NOT_FOUND", message: "Could not resolve to a ProjectV2" }],
    });
    expect(nf.kind).toBe("not-found");
    expect(nf.message).toBe("Could not resolve to a ProjectV2");
  });

  it("explains 404 as missing or invisible", () => {
    expect(classifyError(http(404, "Not Found")).message).toMatch(
      /does not exist, or the token cannot see it/,
    );
  });

  it("keeps the cause of an unknown failure", () => {
    expect(classifyError(new Error("socket hang up")).message).toBe("socket hang up");
    expect(classifyError(http(502, "Bad Gateway")).message).toBe(
      "GitHub answered 502 after retries: Bad Gateway",
    );
  });
});
