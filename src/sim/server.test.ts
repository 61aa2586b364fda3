import { afterEach, describe, expect, it } from "vitest";
import { call, daysAgo, NOW, smallWorld } from "./small-world.fixture.ts";
import { startSim, type Sim, type SimOptions } from "./index.ts";
import { addIssue, addRepo, addRun, addToken, addWorkflow, type SimState } from "./state.ts";

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function serve(state: SimState, options: SimOptions = {}) {
  sim = await startSim(state, { clock: "manual", ...options });
  return sim;
}

const gql = (query: string) => ({ query });

describe("authentication and access", () => {
  it("answers 401 without a token or with an unknown one", async () => {
    const { url } = await serve(smallWorld().state);
    const none = await call(url, "GET", "/repos/acme/api", { token: null });
    expect(none.status).toBe(401);
    expect(none.body.message).toBe("Requires authentication");
    expect(none.headers.get("x-ratelimit-limit")).toBe("60");
    const bad = await call(url, "GET", "/repos/acme/api", { token: "ghs_nope" });
    expect(bad.status).toBe(401);
    expect(bad.body.message).toBe("Bad credentials");
    const graphql = await call(url, "POST", "/graphql", {
      token: "ghs_nope",
      body: gql("{viewer{login}}"),
    });
    expect(graphql.status).toBe(401);
  });

  it("accepts both `token X` and `Bearer X`", async () => {
    const { url } = await serve(smallWorld().state);
    expect((await call(url, "GET", "/repos/acme/api", { scheme: "token" })).status).toBe(200);
    expect((await call(url, "GET", "/repos/acme/api", { scheme: "Bearer" })).status).toBe(200);
  });

  it("answers 404 for a repository the token cannot see, as for one that does not exist", async () => {
    const { state } = smallWorld();
    addRepo(state, { owner: "acme", name: "secret", created_at: daysAgo(10), private: true });
    addToken(state, { token: "ghs_scoped", login: "scoped[bot]", repositories: ["acme/api"] });
    const { url } = await serve(state);
    expect((await call(url, "GET", "/repos/acme/API", { token: "ghs_scoped" })).status).toBe(200);
    const hidden = await call(url, "GET", "/repos/acme/secret/issues", { token: "ghs_scoped" });
    expect(hidden.status).toBe(404);
    expect(hidden.body.message).toBe("Not Found");
    expect((await call(url, "GET", "/repos/acme/missing")).status).toBe(404);
    expect((await call(url, "GET", "/repos/acme/secret")).status).toBe(200);
  });

  it("answers 403 naming the permission a token lacks", async () => {
    const { state, repo } = smallWorld();
    addIssue(state, repo, { title: "a", user: "octo", created_at: daysAgo(3) });
    addToken(state, {
      token: "ghs_reader",
      login: "reader[bot]",
      permissions: { issues: "read" },
    });
    const { url } = await serve(state);
    expect((await call(url, "GET", "/repos/acme/api/issues", { token: "ghs_reader" })).status).toBe(
      200,
    );
    const write = await call(url, "POST", "/repos/acme/api/issues/1/comments", {
      token: "ghs_reader",
      body: { body: "hi" },
    });
    expect(write.status).toBe(403);
    expect(write.body.message).toBe("Resource not accessible by integration");
    expect(write.headers.get("x-accepted-github-permissions")).toBe("issues=write");
    const runs = await call(url, "GET", "/repos/acme/api/actions/runs", { token: "ghs_reader" });
    expect(runs.status).toBe(403);
    expect(runs.headers.get("x-accepted-github-permissions")).toBe("actions=read");
    expect(repo.issues[0]?.comments).toHaveLength(0);
  });

  it("answers writes to an archived repository with 403, reads as usual", async () => {
    const { state } = smallWorld();
    const old = addRepo(state, {
      owner: "acme",
      name: "old",
      created_at: daysAgo(900),
      archived: true,
    });
    addIssue(state, old, { title: "a", user: "octo", created_at: daysAgo(800) });
    const { url } = await serve(state);
    expect((await call(url, "GET", "/repos/acme/old/issues/1")).status).toBe(200);
    const write = await call(url, "POST", "/repos/acme/old/issues/1/comments", {
      body: { body: "x" },
    });
    expect(write.status).toBe(403);
    expect(write.body.message).toBe("Repository was archived so is read-only.");
  });

  it("answers 404 on the Actions endpoints of a repository with Actions disabled", async () => {
    const { state, repo } = smallWorld();
    repo.actions_enabled = false;
    const { url } = await serve(state);
    expect((await call(url, "GET", "/repos/acme/api/actions/workflows")).status).toBe(404);
    expect((await call(url, "GET", "/repos/acme/api/actions/runs")).status).toBe(404);
    expect((await call(url, "GET", "/repos/acme/api/issues")).status).toBe(200);
  });

  it("answers 404 for an unknown route and 400 for a body that is not JSON, both counted", async () => {
    const { url } = await serve(smallWorld().state);
    const unknown = await call(url, "GET", "/repos/acme/api/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-ratelimit-used")).toBe("1");
    const res = await fetch(`${url}/repos/acme/api/issues`, {
      method: "POST",
      headers: { authorization: "token ghs_admin" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe("Problems parsing JSON");
    expect(res.headers.get("x-ratelimit-used")).toBe("2");
  });
});

describe("primary rate limits", () => {
  it("reports the budget on every response and stops at 0 with 403 until the reset", async () => {
    const { state } = smallWorld();
    addToken(state, { token: "ghs_small", login: "small[bot]", hourlyLimit: 3 });
    const s = await serve(state);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(s.url, "GET", "/repos/acme/api", { token: "ghs_small" });
      expect(r.status).toBe(200);
      seen.push(`${r.headers.get("x-ratelimit-remaining")}/${r.headers.get("x-ratelimit-used")}`);
      expect(r.headers.get("x-ratelimit-limit")).toBe("3");
      expect(r.headers.get("x-ratelimit-resource")).toBe("core");
      expect(r.headers.get("x-ratelimit-reset")).toBe(String(Math.ceil((NOW + 3_600_000) / 1000)));
    }
    expect(seen).toEqual(["2/1", "1/2", "0/3"]);
    const refused = await call(s.url, "GET", "/repos/acme/api", { token: "ghs_small" });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(refused.body.message).toMatch(/^API rate limit exceeded for installation ID \d+\.$/);
    const overview = await call<{ rate: { remaining: number; used: number } }>(
      s.url,
      "GET",
      "/rate_limit",
      { token: "ghs_small" },
    );
    expect(overview.status).toBe(200);
    expect(overview.body.rate).toMatchObject({ remaining: 0, used: 3 });
    s.clock.advance(3_600_000);
    expect((await call(s.url, "GET", "/repos/acme/api", { token: "ghs_small" })).status).toBe(200);
  });

  it("keeps GraphQL's budget apart and answers its exhaustion with a RATE_LIMITED error", async () => {
    const { state, admin } = smallWorld();
    const s = await serve(state);
    s.limiter.charge(admin, "graphql", admin.hourlyLimit);
    const r = await call<{ errors: { type: string; message: string }[] }>(
      s.url,
      "POST",
      "/graphql",
      { body: gql("query Viewer { viewer { login } }") },
    );
    expect(r.status).toBe(200);
    expect(r.body.errors[0]?.type).toBe("RATE_LIMITED");
    expect(r.headers.get("x-ratelimit-resource")).toBe("graphql");
    expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
    const rest = await call(s.url, "GET", "/repos/acme/api");
    expect(rest.status).toBe(200);
    expect(rest.headers.get("x-ratelimit-remaining")).toBe(String(admin.hourlyLimit - 1));
  });

  it("spends nothing when primary limits are turned off, yet still reports usage", async () => {
    const { state } = smallWorld();
    addToken(state, { token: "ghs_small", login: "small[bot]", hourlyLimit: 1 });
    const s = await serve(state, { limits: { primary: false } });
    for (let i = 0; i < 3; i++)
      expect((await call(s.url, "GET", "/repos/acme/api", { token: "ghs_small" })).status).toBe(
        200,
      );
  });
});

describe("conditional requests", () => {
  /** A GET as a caching client sends it: with `If-None-Match` when it holds an ETag. */
  async function conditional(url: string, path: string, etag?: string, token = "ghs_admin") {
    const headers: Record<string, string> = { authorization: `token ${token}` };
    if (etag !== undefined) headers["if-none-match"] = etag;
    const res = await fetch(`${url}${path}`, { headers });
    const text = await res.text();
    const rate = `${res.headers.get("x-ratelimit-remaining")}/${res.headers.get("x-ratelimit-used")}`;
    return { status: res.status, etag: res.headers.get("etag"), text, rate, headers: res.headers };
  }

  it("answers an unchanged resource with 304, no body and no primary budget spent", async () => {
    const { state, repo } = smallWorld();
    addIssue(state, repo, { title: "a", user: "octo", created_at: daysAgo(3) });
    addToken(state, { token: "ghs_small", login: "small[bot]", hourlyLimit: 3 });
    const s = await serve(state);
    const path = "/repos/acme/api/issues/1/comments";
    const first = await conditional(s.url, path, undefined, "ghs_small");
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(first.rate).toBe("2/1");
    for (let i = 0; i < 3; i++) {
      const again = await conditional(s.url, path, first.etag ?? "", "ghs_small");
      expect(again).toMatchObject({ status: 304, etag: first.etag, text: "", rate: "2/1" });
      expect(again.headers.get("x-ratelimit-limit")).toBe("3");
      expect(again.headers.get("content-type")).toBeNull();
    }
    expect(s.log.filter({ path }).map((e) => e.status)).toEqual([200, 304, 304, 304]);

    const comment = await call(s.url, "POST", path, { token: "ghs_small", body: { body: "hi" } });
    expect(comment.status).toBe(201);
    const changed = await conditional(s.url, path, first.etag ?? "", "ghs_small");
    expect(changed.status).toBe(200);
    expect(changed.etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(changed.etag).not.toBe(first.etag);
    expect(JSON.parse(changed.text)).toEqual([expect.objectContaining({ body: "hi" })]);
    expect(changed.rate).toBe("0/3");
  });

  it("gives pre-serialized listings an ETag too, and honours a list of tags", async () => {
    const { state, repo } = smallWorld();
    const ci = addWorkflow(state, repo, { name: "CI", file: "ci.yml", created_at: daysAgo(9) });
    for (const days of [3, 2, 1]) addRun(state, repo, { workflow: ci, created_at: daysAgo(days) });
    const s = await serve(state);
    const path = "/repos/acme/api/actions/runs?per_page=2";
    const first = await conditional(s.url, path);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).workflow_runs).toHaveLength(2);
    const strong = (first.etag ?? "").replace(/^W\//, "");
    const again = await conditional(s.url, path, `"other", ${strong}`);
    expect(again.status).toBe(304);
    expect(again.headers.get("link")).toBe(first.headers.get("link"));
    const page2 = await conditional(s.url, `${path}&page=2`, first.etag ?? "");
    expect(page2.status).toBe(200);
    expect(page2.etag).not.toBe(first.etag);

    const runId = (JSON.parse(first.text) as { workflow_runs: { id: number }[] }).workflow_runs[0]!
      .id;
    expect((await call(s.url, "DELETE", `/repos/acme/api/actions/runs/${runId}`)).status).toBe(204);
    const changed = await conditional(s.url, path, first.etag ?? "");
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(first.etag);
  });

  it("leaves writes and errors alone", async () => {
    const { state, repo } = smallWorld();
    addIssue(state, repo, { title: "a", user: "octo", created_at: daysAgo(3) });
    const s = await serve(state);
    const issue = await conditional(s.url, "/repos/acme/api/issues/1");
    const res = await fetch(`${s.url}/repos/acme/api/issues/1`, {
      method: "PATCH",
      headers: { authorization: "token ghs_admin", "if-none-match": "*" },
      body: JSON.stringify({ title: "b" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBeNull();
    expect(((await res.json()) as { title: string }).title).toBe("b");
    expect((await conditional(s.url, "/repos/acme/api/issues/1", issue.etag ?? "")).status).toBe(
      200,
    );
    const missing = await conditional(s.url, "/repos/acme/api/issues/9", "*");
    expect(missing.status).toBe(404);
    expect(missing.etag).toBeNull();
    expect(missing.rate).toBe("4996/4");
  });
});

describe("secondary rate limits", () => {
  it("are off by default", async () => {
    const s = await serve(smallWorld().state);
    for (let i = 0; i < 30; i++)
      expect(
        (await call(s.url, "POST", "/repos/acme/api/issues", { body: { title: `t${i}` } })).status,
      ).toBe(201);
  });

  it("refuse over the points per minute of one endpoint with 403 and retry-after", async () => {
    const s = await serve(smallWorld().state, {
      limits: { secondary: { restPointsPerMinute: 3 } },
    });
    for (let i = 0; i < 3; i++)
      expect((await call(s.url, "GET", "/repos/acme/api")).status).toBe(200);
    const refused = await call(s.url, "GET", "/repos/acme/api");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.body.message).toMatch(/^You have exceeded a secondary rate limit/);
    expect(refused.headers.get("x-ratelimit-remaining")).not.toBe("0");
    expect((await call(s.url, "GET", "/repos/acme/api/issues")).status).toBe(200);
    s.clock.advance(60_000);
    expect((await call(s.url, "GET", "/repos/acme/api")).status).toBe(200);
  });

  it("count writes at 5 points and content creation per minute", async () => {
    const s = await serve(smallWorld().state, {
      limits: { secondary: { restPointsPerMinute: 10, contentPerMinute: 3 } },
    });
    const create = () => call(s.url, "POST", "/repos/acme/api/issues", { body: { title: "t" } });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(403);
    const comment = (n: number) =>
      call(s.url, "POST", `/repos/acme/api/issues/${n}/comments`, { body: { body: "x" } });
    expect((await comment(1)).status).toBe(201);
    const overContent = await comment(2);
    expect(overContent.status).toBe(403);
    expect(overContent.headers.get("retry-after")).toBe("60");
    expect(s.state.repos.get("acme/api")?.issues).toHaveLength(2);
  });

  it("charge GraphQL mutations more than queries", async () => {
    const s = await serve(smallWorld().state, {
      limits: { secondary: { graphqlPointsPerMinute: 6, graphqlMutationPoints: 5 } },
    });
    const mutation = gql(
      'mutation Add { addProjectV2ItemById(input: {projectId: "P", contentId: "I"}) { item { id } } }',
    );
    expect((await call(s.url, "POST", "/graphql", { body: mutation })).status).not.toBe(403);
    const refused = await call(s.url, "POST", "/graphql", { body: mutation });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/secondary rate limit/);
    expect(s.log.filter({ path: "/graphql" }).map((e) => [e.operation, e.mutating])).toEqual([
      ["Add", true],
      ["Add", true],
    ]);
  });

  it("charge a request with mutations its 5 points, however many aliases it batches", async () => {
    const s = await serve(smallWorld().state, {
      limits: { secondary: { graphqlPointsPerMinute: 10, graphqlMutationPoints: 5 } },
    });
    const add = (alias: string) =>
      `${alias}: updateProjectV2ItemFieldValue(input: {projectId: "P", itemId: "${alias}", fieldId: "F", value: {singleSelectOptionId: "O"}}) { projectV2Item { id } }`;
    const batch = gql(`mutation Batch { ${["a", "b", "c"].map(add).join(" ")} }`);
    expect((await call(s.url, "POST", "/graphql", { body: batch })).status).not.toBe(403);
    expect((await call(s.url, "POST", "/graphql", { body: batch })).status).not.toBe(403);
    expect((await call(s.url, "POST", "/graphql", { body: batch })).status).toBe(403);
  });

  it("count content-creating GraphQL mutations, each alias, with REST's content writes", async () => {
    const { state, repo } = smallWorld();
    addIssue(state, repo, { title: "one", user: "alice", created_at: "2026-01-01T00:00:00Z" });
    const s = await serve(state, { limits: { secondary: { contentPerMinute: 3 } } });
    const adds = gql(
      'mutation Two { a: addProjectV2ItemById(input: {projectId: "P", contentId: "I"}) { item { id } } ' +
        'b: addProjectV2ItemById(input: {projectId: "P", contentId: "J"}) { item { id } } }',
    );
    expect((await call(s.url, "POST", "/graphql", { body: adds })).status).not.toBe(403);
    const comment = { body: { body: "hi" } };
    const path = "/repos/acme/api/issues/1/comments";
    expect((await call(s.url, "POST", path, comment)).status).toBe(201);
    const refused = await call(s.url, "POST", path, comment);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/secondary rate limit/);
    // A field update creates no content: still within the limits.
    const update = gql(
      'mutation Set { updateProjectV2ItemFieldValue(input: {projectId: "P", itemId: "X", fieldId: "F", value: {singleSelectOptionId: "O"}}) { projectV2Item { id } } }',
    );
    expect((await call(s.url, "POST", "/graphql", { body: update })).status).not.toBe(403);
    // Three created this minute. With room for one more, the batch of two fits only when it
    // counts once: the other reading is one setting away.
    s.limiter.configure({ secondary: { contentPerMinute: 4 } });
    expect((await call(s.url, "POST", "/graphql", { body: adds })).status).toBe(403);
    s.limiter.configure({
      secondary: { contentPerMinute: 4, countMutationAliasesAsContent: false },
    });
    expect((await call(s.url, "POST", "/graphql", { body: adds })).status).not.toBe(403);
  });

  it("refuse requests over the concurrency limit", async () => {
    const s = await serve(smallWorld().state, {
      limits: { secondary: { concurrent: 1 } },
      latency: { fixedMs: 100 },
    });
    const statuses = await Promise.all([0, 1].map(() => call(s.url, "GET", "/repos/acme/api")));
    expect(statuses.map((r) => r.status).sort()).toEqual([200, 403]);
    const refused = statuses.find((r) => r.status === 403);
    expect(refused?.headers.get("retry-after")).toBe("1");
  });
});

describe("fault rules", () => {
  const statuses = async (s: Sim, n: number, path = "/repos/acme/api") => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await call(s.url, "GET", path)).status);
    return out;
  };

  it("fire on the nth matching request only, with the given status, headers and body", async () => {
    const s = await serve(smallWorld().state);
    s.faults.add({
      match: { method: "GET", path: "/repos/*/*" },
      when: { nth: 2 },
      then: { status: 502, headers: { "x-fault": "yes" }, body: { message: "Server Error" } },
    });
    expect(await statuses(s, 3)).toEqual([200, 502, 200]);
    expect((await call(s.url, "GET", "/repos/acme/api/issues")).status).toBe(200);
    expect(s.log.filter({ status: 502 })).toHaveLength(1);
  });

  it("fire on every nth request, and stop after `times`", async () => {
    const s = await serve(smallWorld().state);
    s.faults.add({ when: { every: 2 }, then: { status: 500 }, times: 2 });
    expect(await statuses(s, 7)).toEqual([200, 500, 200, 500, 200, 200, 200]);
  });

  it("fire with a probability drawn from the seed: same seed, same sequence", async () => {
    const run = async () => {
      const s = await serve(smallWorld().state);
      s.faults.add({ when: { probability: 0.5 }, then: { status: 503 } });
      const out = await statuses(s, 24);
      await s.close();
      sim = undefined;
      return out;
    };
    const first = await run();
    expect(first).toContain(200);
    expect(first).toContain(503);
    expect(await run()).toEqual(first);
  });

  it("match GraphQL operations by name", async () => {
    const s = await serve(smallWorld().state);
    s.faults.add({ match: { operation: "Boards" }, then: { status: 502 } });
    const boards = await call(s.url, "POST", "/graphql", {
      body: gql("query Boards { viewer { login } }"),
    });
    expect(boards.status).toBe(502);
    const other = await call(s.url, "POST", "/graphql", {
      body: gql("query Other { viewer { login } }"),
    });
    expect(other.status).not.toBe(502);
  });

  it("reset the connection before the request is handled", async () => {
    const { state, repo } = smallWorld();
    addIssue(state, repo, { title: "a", user: "octo", created_at: daysAgo(3) });
    const s = await serve(state);
    s.faults.add({ match: { method: "POST" }, when: { nth: 1 }, then: { reset: true } });
    await expect(
      call(s.url, "POST", "/repos/acme/api/issues/1/comments", { body: { body: "x" } }),
    ).rejects.toThrow();
    expect(repo.issues[0]?.comments).toHaveLength(0);
    expect(s.log.entries.at(-1)).toMatchObject({ method: "POST", status: 0, mutating: true });
  });

  it("truncate the body after the real answer was computed (the write happened)", async () => {
    const { state, repo } = smallWorld();
    addIssue(state, repo, { title: "a", user: "octo", created_at: daysAgo(3) });
    const s = await serve(state);
    s.faults.add({ match: { method: "POST" }, then: { truncate: true }, times: 1 });
    await expect(
      call(s.url, "POST", "/repos/acme/api/issues/1/comments", { body: { body: "x" } }),
    ).rejects.toThrow();
    expect(repo.issues[0]?.comments).toHaveLength(1);
    expect(s.log.entries.at(-1)?.status).toBe(201);
  });

  it("delay a matching request while others pass", async () => {
    const s = await serve(smallWorld().state);
    s.faults.add({ match: { path: "/repos/acme/api/labels" }, then: { delayMs: 300 } });
    const done: string[] = [];
    const slow = call(s.url, "GET", "/repos/acme/api/labels").then(() => done.push("slow"));
    const fast = call(s.url, "GET", "/repos/acme/api").then(() => done.push("fast"));
    await Promise.all([slow, fast]);
    expect(done).toEqual(["fast", "slow"]);
  });

  it("reject malformed rules with the field and the allowed values", () => {
    const { state } = smallWorld();
    return serve(state).then((s) =>
      expect(() => s.faults.add({ when: { nth: 0 }, then: { status: 500 } })).toThrow(
        "when.nth must be an integer >= 1, found 0",
      ),
    );
  });
});

describe("request log", () => {
  it("records method, path, query, status, login (never the secret) and sim time", async () => {
    const { state, repo } = smallWorld();
    addIssue(state, repo, { title: "a", user: "octo", created_at: daysAgo(3) });
    const s = await serve(state);
    s.clock.advance(5_000);
    await call(s.url, "GET", "/repos/acme/api/issues?state=all&per_page=5");
    await call(s.url, "PATCH", "/repos/acme/api/issues/1", { body: { state: "closed" } });
    await call(s.url, "GET", "/repos/acme/api", { token: "ghs_wrong" });
    expect(s.log.entries).toEqual([
      {
        method: "GET",
        path: "/repos/acme/api/issues",
        query: { state: "all", per_page: "5" },
        operation: undefined,
        mutating: false,
        status: 200,
        token: "fleet[bot]",
        time: NOW + 5_000,
      },
      expect.objectContaining({
        method: "PATCH",
        mutating: true,
        status: 200,
        token: "fleet[bot]",
      }),
      expect.objectContaining({ status: 401, token: undefined }),
    ]);
    expect(JSON.stringify(s.log.entries)).not.toContain("ghs_");
    expect(s.log.mutations()).toHaveLength(1);
    expect(s.log.format()).toContain("PATCH /repos/acme/api/issues/1 -> 200 (fleet[bot])");
  });
});
