import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fastTimings } from "../../test/helpers/deps.ts";
import { apiRoot, confinedFetch, isUnderRoot, OutsideApiRootError } from "./api-root.ts";
import { createClient } from "./client.ts";
import { memoryLogger } from "./logger.ts";

describe("apiRoot and isUnderRoot", () => {
  const root = apiRoot("https://cp.example/prod/");

  it.each([
    ["https://cp.example/prod", true],
    ["https://cp.example/prod/cp/admin/promote", true],
    ["https://cp.example/prod/%2e%2e/staging/promote", false],
    ["https://cp.example/prod/cp/../../staging", false],
    ["https://cp.example/production/x", false],
    ["https://cp.example.evil/prod/x", false],
    ["http://cp.example/prod/x", false],
    ["https://cp.example:8443/prod/x", false],
  ])("%s: %s", (url, under) => expect(isUnderRoot(url, root)).toBe(under));

  it("takes GitHub Enterprise Server's GraphQL endpoint as inside its REST root", () => {
    const ghes = apiRoot("https://ghe.example/api/v3");
    expect(isUnderRoot("https://ghe.example/api/graphql", ghes)).toBe(true);
    expect(isUnderRoot("https://ghe.example/login", ghes)).toBe(false);
    expect(isUnderRoot("https://api.github.com/graphql", apiRoot("https://api.github.com"))).toBe(
      true,
    );
  });
});

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  servers = [];
});

/** A loopback server that counts its requests and answers with `answer`. */
async function serve(answer: (res: import("node:http").ServerResponse) => void) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`);
    answer(res);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe("confinedFetch", () => {
  it("refuses a URL outside the root before anything is sent", async () => {
    const other = await serve((res) => res.end("{}"));
    const fetch = confinedFetch("http://127.0.0.1:1/api", globalThis.fetch);
    await expect(fetch(`${other.url}/api/x`)).rejects.toBeInstanceOf(OutsideApiRootError);
    expect(other.seen).toEqual([]);
  });

  it("never follows a Link header to another host with the token", async () => {
    const elsewhere = await serve((res) => res.end("[]"));
    const api = await serve((res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        link: `<${elsewhere.url}/repos/acme/api/issues?page=2>; rel="next"`,
      });
      res.end("[]");
    });
    const octokit = createClient({
      token: "ghs_confined_token",
      baseUrl: api.url,
      log: memoryLogger(),
      timings: fastTimings,
      env: {},
    });
    await expect(
      octokit.paginate("GET /repos/{owner}/{repo}/issues", { owner: "acme", repo: "api" }),
    ).rejects.toThrow(/outside the API root/);
    expect(api.seen).toHaveLength(1);
    expect(elsewhere.seen).toEqual([]);
  });
});
