import { describe, expect, it } from "vitest";
import type { Route } from "./http.ts";
import { Router } from "./router.ts";

const route = (method: Route["method"], pattern: string): Route => ({
  scope: "global",
  method,
  pattern,
  handle: () => ({ status: 200 }),
});

describe("Router", () => {
  const issue = route("GET", "/repos/{owner}/{repo}/issues/{issue_number}");
  const contents = route("GET", "/repos/{owner}/{repo}/contents/{path+}");
  const label = route("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}");
  const router = new Router([issue, contents, label]);

  it("matches by method and segments, decoding parameters", () => {
    expect(router.match("GET", "/repos/acme/api/issues/12")).toEqual({
      route: issue,
      params: { owner: "acme", repo: "api", issue_number: "12" },
    });
    expect(router.match("DELETE", "/repos/a/b/issues/1/labels/help%20wanted")?.params.name).toBe(
      "help wanted",
    );
    expect(router.match("POST", "/repos/acme/api/issues/12")).toBeUndefined();
    expect(router.match("GET", "/repos/acme/api/issues/12/extra")).toBeUndefined();
    expect(router.match("GET", "/repos/acme/api/issues")).toBeUndefined();
  });

  it("lets a final {name+} take the rest of the path, slashes kept", () => {
    expect(router.match("GET", "/repos/a/b/contents/state/deep/file.json")?.params.path).toBe(
      "state/deep/file.json",
    );
    expect(router.match("GET", "/repos/a/b/contents")).toBeUndefined();
  });

  it("does not match a malformed escape, and refuses a {name+} that is not last", () => {
    expect(router.match("GET", "/repos/a/b/issues/%E0%A4%A")).toBeUndefined();
    expect(() => new Router([route("GET", "/a/{x+}/b")])).toThrow("must be the last segment");
  });
});
