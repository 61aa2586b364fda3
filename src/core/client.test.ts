import { afterEach, describe, expect, it } from "vitest";
import { fastTimings } from "../../test/helpers/deps.ts";
import { startProxy, type TestProxy } from "../../test/helpers/proxy.ts";
import { startSim, type Sim, type SimOptions } from "../sim/index.ts";
import { addIssue, addRepo, addToken, createState, iso } from "../sim/state.ts";
import { createClient, type ClientTimings } from "./client.ts";
import { classifyError } from "./errors.ts";
import { memoryLogger } from "./logger.ts";

let sim: Sim | undefined;
let proxy: TestProxy | undefined;
afterEach(async () => {
  await sim?.close();
  await proxy?.close();
  sim = undefined;
  proxy = undefined;
});

/**
 * `acme/api` with `issues` issues, served on the real clock from now (Octokit compares
 * `x-ratelimit-reset` with its own clock), and a token with `hourlyLimit` requests an hour.
 */
async function world(issues: number, hourlyLimit: number, options: SimOptions = {}) {
  const now = Date.now();
  const state = createState({ now });
  const repo = addRepo(state, {
    owner: "acme",
    name: "api",
    created_at: iso(now - 400 * 86_400_000),
  });
  for (let n = 1; n <= issues; n++)
    addIssue(state, repo, {
      title: `issue ${n}`,
      user: "octo",
      created_at: iso(now - (issues - n) * 60_000),
    });
  addToken(state, { token: "ghs_client", login: "fleet[bot]", hourlyLimit });
  sim = await startSim(state, options);
  return sim;
}

function client(s: Sim, timings: Partial<ClientTimings> = {}, env: NodeJS.ProcessEnv = {}) {
  const log = memoryLogger();
  const octokit = createClient({
    token: "ghs_client",
    baseUrl: s.url,
    log,
    timings: { ...fastTimings, ...timings },
    env,
  });
  return { octokit, log };
}

describe("createClient against the simulator", () => {
  it("pages through 2,500 issues in 25 requests of 100", async () => {
    const s = await world(2500, 5000);
    const { octokit } = client(s);
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: "acme",
      repo: "api",
      state: "all",
      per_page: 100,
    });
    expect(issues).toHaveLength(2500);
    expect(new Set(issues.map((i) => i.number)).size).toBe(2500);
    expect(s.log.count({ method: "GET", path: "/repos/acme/api/issues" })).toBe(25);
    expect(s.log.count()).toBe(25);
    expect(octokit.budget.get("core")).toMatchObject({ limit: 5000, remaining: 4975 });
  });

  it("waits out a secondary-limit 403 with retry-after and retries", async () => {
    // One request in flight allowed; each answer held 50 ms. The second of two parallel requests
    // is refused with retry-after: 1, waited (1 x 200 ms, by then the first is done) and retried.
    const s = await world(3, 5000, {
      limits: { secondary: { concurrent: 1 } },
      latency: { fixedMs: 50 },
    });
    const { octokit, log } = client(s, { retryAfterUnitMs: 200 });
    const [a, b] = await Promise.all([
      octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 }),
      octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 2 }),
    ]);
    expect([a.status, b.status, a.data.number, b.data.number]).toEqual([200, 200, 1, 2]);
    expect(s.log.entries.map((e) => e.status).sort()).toEqual([200, 200, 403]);
    const refused = s.log.entries.find((e) => e.status === 403);
    expect(s.log.count({ path: refused?.path, status: 200 })).toBe(1);
    expect(log.lines.filter((l) => l.level === "warning").map((l) => l.message)).toEqual([
      expect.stringMatching(/^secondary rate limit on GET .*; waiting 1s and retrying \(1 of 4\)$/),
    ]);
  });

  it("does not wait out a secondary-limit retry-after longer than the cap", async () => {
    const s = await world(3, 5000);
    s.faults.add({
      match: { method: "GET" },
      then: {
        status: 403,
        headers: { "retry-after": "86400" },
        body: { message: "You have exceeded a secondary rate limit." },
      },
    });
    const { octokit, log } = client(s);
    await expect(
      octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 }),
    ).rejects.toMatchObject({ status: 403 });
    expect(s.log.count()).toBe(1);
    expect(log.lines.filter((l) => l.level === "warning").map((l) => l.message)).toEqual([
      expect.stringMatching(/wait of 86400s \(until .*\), longer than the 900s cap: not waiting$/),
    ]);
  });

  it("fails loud with a rate-limited error, not a short list, when the budget runs out mid-listing", async () => {
    const s = await world(2500, 10);
    const { octokit } = client(s);
    const error = await octokit
      .paginate(octokit.rest.issues.listForRepo, {
        owner: "acme",
        repo: "api",
        state: "all",
        per_page: 100,
      })
      .then(
        (list) => new Error(`expected a failure, got a list of ${list.length}`),
        (e: unknown) => e,
      );
    const classified = classifyError(error, { repository: "acme/api", doing: "listing issues" });
    expect(classified.kind).toBe("rate-limited");
    const reset = Number(
      s.log.entries.length > 0 ? Math.ceil((s.state.now + 3_600_000) / 1000) : 0,
    );
    expect(classified.resetAt).toBeGreaterThanOrEqual((reset - 2) * 1000);
    expect(classified.resetAt).toBeLessThanOrEqual((reset + 2) * 1000);
    expect(classified.message).toContain(
      "listing issues on acme/api: the primary rate limit is exhausted",
    );
    // Ten pages served, the eleventh refused and, with the reset an hour away, not retried.
    expect(s.log.entries.map((e) => e.status)).toEqual([...Array(10).fill(200), 403]);
    expect(octokit.budget.get("core")?.remaining).toBe(0);
  });
});

// plugin-throttling (pinned exactly in package.json) reads these group overrides although its
// types omit them; each test fails if it falls back to its own process-wide defaults.
describe("createClient's throttle groups", () => {
  it("holds requests in flight to the concurrency given (the global group)", async () => {
    // The simulator refuses a third concurrent request with a 403; the plugin's default would
    // let ten through at once.
    const s = await world(8, 5000, {
      limits: { secondary: { concurrent: 2 } },
      latency: { fixedMs: 30 },
    });
    const { octokit } = client(s, { concurrency: 2 });
    await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((issue_number) =>
        octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number }),
      ),
    );
    expect(s.log.entries.map((e) => e.status)).toEqual(Array(8).fill(200));
  });

  it("spaces writes by the interval given (the write group)", async () => {
    // An interval above the plugin's default 1 s, so a fallback to the default shows up as a
    // shorter span; only a lower bound is asserted, which a loaded machine cannot break.
    // Labels, not comments: comments also pass the notifications group, which would hide it.
    const s = await world(1, 5000);
    const { octokit } = client(s, { writeIntervalMs: 1500 });
    const start = s.clock.now();
    await Promise.all(
      ["first", "second"].map((name) =>
        octokit.rest.issues.createLabel({ owner: "acme", repo: "api", name }),
      ),
    );
    const writes = s.log.entries.filter((e) => e.mutating);
    expect(writes.map((e) => e.status)).toEqual([201, 201]);
    expect(Math.max(...writes.map((e) => e.time)) - start).toBeGreaterThanOrEqual(1500 - 20);
  });
});

describe("createClient behind a proxy", () => {
  /** Lists issues and reads one: two requests the simulator must see, whichever way they went. */
  async function twoRequests(env: (proxyUrl: string) => NodeJS.ProcessEnv) {
    const s = await world(3, 5000);
    proxy = await startProxy();
    const { octokit } = client(s, {}, env(proxy.url));
    const list = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "api" });
    const one = await octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 2 });
    expect([list.data.length, one.data.number]).toEqual([3, 2]);
    expect(s.log.count()).toBe(2);
    return { s, proxy, host: new URL(s.url).host };
  }

  it("tunnels through http_proxy with CONNECT, as undici's ProxyAgent does for http:// too", async () => {
    const { proxy: p, host } = await twoRequests((url) => ({ http_proxy: url }));
    // Tunnels to the simulator only (kept-alive ones carry several requests), no absolute-URI form.
    expect(p.tunnels.length).toBeGreaterThan(0);
    expect(new Set(p.tunnels)).toEqual(new Set([host]));
    expect(p.forwarded).toEqual([]);
  });

  it("sends nothing through the proxy for a host no_proxy lists", async () => {
    const { proxy: p } = await twoRequests((url) => ({
      http_proxy: url,
      no_proxy: "ghe.corp, 127.0.0.1",
    }));
    expect([p.tunnels, p.forwarded]).toEqual([[], []]);
  });

  it("leaves http:// requests direct when only https_proxy is set", async () => {
    const { proxy: p } = await twoRequests((url) => ({ https_proxy: url }));
    expect([p.tunnels, p.forwarded]).toEqual([[], []]);
  });

  it("fails at once, naming the variable, when a proxy is not an http(s) URL", () => {
    expect(() =>
      createClient({
        token: "ghs_client",
        log: memoryLogger(),
        env: { HTTPS_PROXY: "socks5://user:secret@proxy.corp:1080" },
      }),
    ).toThrow("HTTPS_PROXY uses socks5:; only http:// and https:// proxies are supported");
  });

  it("fails the request, not falls back to a direct one, when the proxy is down", async () => {
    const s = await world(1, 5000);
    proxy = await startProxy();
    const down = proxy.url;
    await proxy.close();
    proxy = undefined;
    const { octokit } = client(s, { retries: 0 }, { http_proxy: down });
    await expect(
      octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 }),
    ).rejects.toThrow();
    expect(s.log.count()).toBe(0);
  });
});
