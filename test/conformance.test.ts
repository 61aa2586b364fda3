import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runDemo } from "../src/demo/run-demo.ts";
import { EVENT_KINDS } from "../src/sim/event-kinds.ts";
import { ALLOWED } from "../src/sim/conformance/allow-list.ts";
import { readSamples, unexplained } from "../src/sim/conformance/check-samples.ts";
import { GitHubDescription } from "../src/sim/conformance/openapi.ts";
import { SAMPLES_ENV } from "../src/sim/conformance/record-samples.ts";
import { addEventOfKind, call, daysAgo, smallWorld } from "../src/sim/small-world.fixture.ts";
import { startSim } from "../src/sim/index.ts";
import { addIssue, commitFiles, makeFile } from "../src/sim/state.ts";
import { routes } from "../src/sim/rest/routes.ts";

/**
 * Where `npm test` has the whole suite's samples: it runs every other test with the
 * simulator sampling into this directory, then this file.
 */
const SUITE_SAMPLES = "FLEET_CONFORMANCE_SUITE_SAMPLES";

let description: GitHubDescription;

beforeAll(() => {
  description = new GitHubDescription();
});

/**
 * Runs `work` with every simulator it starts sampling into a directory of its own (samples
 * are capped per operation and status within a directory), and reads them.
 */
async function sampling(work: (dir: string) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), "fleet-conformance-"));
  const before = process.env[SAMPLES_ENV];
  process.env[SAMPLES_ENV] = dir;
  try {
    await work(dir);
  } finally {
    if (before === undefined) delete process.env[SAMPLES_ENV];
    else process.env[SAMPLES_ENV] = before;
  }
  return readSamples(dir);
}

describe("the simulator against GitHub's REST description (@octokit/openapi)", () => {
  it("answers the demo as GitHub describes it", async () => {
    const samples = await sampling((dir) =>
      runDemo({ registry: "repos.yaml", outDir: join(dir, "demo-out"), write: () => {} }),
    );
    expect(samples.length).toBeGreaterThan(30);
    expect(unexplained(samples, description)).toEqual([]);
  }, 120_000);

  it("serves every timeline kind, the issue events and the caches as GitHub describes them", async () => {
    const { state, repo } = smallWorld();
    const issue = addIssue(state, repo, { title: "all", user: "alice", created_at: daysAgo(9) });
    for (const kind of EVENT_KINDS) addEventOfKind(state, repo, issue, kind, "bob", daysAgo(5));
    repo.caches.push({
      id: 1,
      ref: "refs/heads/main",
      key: "Linux-node-1",
      version: "v1",
      size_in_bytes: 1024,
      created_at: daysAgo(3),
      last_accessed_at: daysAgo(1),
    });
    const samples = await sampling(async () => {
      const sim = await startSim(state, { clock: "manual" });
      try {
        for (const path of ["timeline", "events"])
          await call(sim.url, "GET", `/repos/acme/api/issues/1/${path}?per_page=100`);
        await call(sim.url, "GET", "/repos/acme/api/actions/caches");
      } finally {
        await sim.close();
      }
    });
    const kinds = new Set(
      samples.flatMap((s) => (Array.isArray(s.body) ? s.body.map((e) => e.event) : [])),
    );
    expect([...EVENT_KINDS].filter((k) => !kinds.has(k))).toEqual([]);
    expect(unexplained(samples, description)).toEqual([]);
  });

  it("serves pull requests and the git database as GitHub describes them", async () => {
    const { state, repo } = smallWorld();
    const main = repo.branches.get("main")!;
    const files = new Map(main.files);
    files.set("bin/run.sh", makeFile("#!/bin/sh\n", "100755"));
    const head = commitFiles(repo, main, files, "Add a script");
    const parent = repo.commitInfo.get(head)!.parents[0]!;
    const bytes = Buffer.from("0.10.0\n").toString("base64");
    const samples = await sampling(async () => {
      const sim = await startSim(state, { clock: "manual" });
      try {
        const api = "/repos/acme/api";
        await call(sim.url, "POST", `${api}/git/refs`, {
          body: { ref: "refs/heads/fleet/bump", sha: parent },
        });
        await call(sim.url, "PATCH", `${api}/git/refs/heads/fleet/bump`, { body: { sha: head } });
        await call(sim.url, "PATCH", `${api}/git/refs/heads/fleet/bump`, { body: { sha: parent } });
        await call(sim.url, "GET", `${api}/git/ref/heads/fleet/bump`);
        const put = await call<{ commit: { sha: string } }>(
          sim.url,
          "PUT",
          `${api}/contents/.adl-version`,
          { body: { message: "Bump", content: bytes, branch: "fleet/bump" } },
        );
        await call(sim.url, "GET", `${api}/git/commits/${put.body.commit.sha}`);
        await call(sim.url, "GET", `${api}/git/trees/${head}?recursive=1`);
        await call(sim.url, "GET", `${api}/git/blobs/${files.get("bin/run.sh")!.sha}`);
        const pr = await call<{ number: number }>(sim.url, "POST", `${api}/pulls`, {
          body: { title: "Bump", head: "acme:fleet/bump", base: "main", draft: true },
        });
        await call(sim.url, "POST", `${api}/pulls`, {
          body: { title: "Bump", head: "fleet/bump", base: "main" },
        });
        await call(sim.url, "GET", `${api}/pulls?head=acme:fleet/bump&state=all`);
        await call(sim.url, "GET", `${api}/pulls/${pr.body.number}`);
        await call(sim.url, "PATCH", `${api}/pulls/${pr.body.number}`, {
          body: { title: "Bump!" },
        });
        const reviewers = `${api}/pulls/${pr.body.number}/requested_reviewers`;
        await call(sim.url, "POST", reviewers, {
          body: { reviewers: ["alice"], team_reviewers: ["platform"] },
        });
        await call(sim.url, "POST", reviewers, { body: { reviewers: ["fleet[bot]"] } });
        await call(sim.url, "DELETE", reviewers, { body: { reviewers: ["alice"] } });
        await call(sim.url, "PATCH", `${api}/issues/${pr.body.number}`, {
          body: { labels: ["dependencies"], assignees: ["alice"] },
        });
        await call(sim.url, "POST", `${api}/issues/${pr.body.number}/assignees`, {
          body: { assignees: ["bob"] },
        });
        await call(sim.url, "DELETE", `${api}/git/refs/heads/fleet/bump`);
        await call(sim.url, "DELETE", `${api}/git/refs/heads/fleet/bump`);
      } finally {
        await sim.close();
      }
    });
    const statuses = samples.map((s) => `${s.method} ${s.pattern} ${s.status}`);
    expect(statuses).toEqual(
      expect.arrayContaining([
        "PATCH /repos/{owner}/{repo}/git/refs/{ref+} 422",
        "POST /repos/{owner}/{repo}/pulls 422",
        "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers 422",
        "DELETE /repos/{owner}/{repo}/git/refs/{ref+} 204",
        "GET /repos/{owner}/{repo}/git/blobs/{file_sha} 200",
      ]),
    );
    expect(unexplained(samples, description)).toEqual([]);
  });

  it.runIf(process.env[SUITE_SAMPLES])(
    "answers every operation as GitHub describes it throughout the test suite",
    () => {
      const samples = readSamples(process.env[SUITE_SAMPLES]!);
      // Each operation the simulator serves was exercised, with a success, somewhere in the suite.
      const succeeded = new Set(
        samples.filter((s) => s.status < 300).map((s) => `${s.method} ${s.pattern}`),
      );
      const untested = routes
        .map((r) => `${r.method} ${r.pattern}`)
        .filter((r) => !succeeded.has(r));
      expect(untested).toEqual([]);
      expect(unexplained(samples, description)).toEqual([]);
    },
  );

  it("finds the differences it is shown: a wrong field, an undocumented status, a bad request accepted", () => {
    const sample = {
      method: "GET",
      pattern: "/repos/{owner}/{repo}/issues/{issue_number}/events",
      path: "/repos/acme/api/issues/1/events",
      params: { owner: "acme", repo: "api", issue_number: "1" },
      query: { per_page: "many" },
      requestBody: undefined,
      status: 200,
      body: [{ id: "1", event: "labeled" }],
    };
    const found = unexplained(
      [sample, { ...sample, query: {}, status: 409, body: {} }],
      description,
    );
    const op = "GET /repos/{owner}/{repo}/issues/{issue_number}/events";
    expect(found).toEqual(
      expect.arrayContaining([
        `${op} -> 200 request query.per_page: must be integer {"type":"integer"}`,
        `${op} -> 200 response /0/id: must be integer {"type":"integer"}`,
        `${op} -> 200 response /0: must match a schema in anyOf`,
        `${op} -> 409 status : 409 is not documented (200, 410)`,
      ]),
    );
  });

  it("keeps a short allow-list, each entry with its reason and source", () => {
    expect(ALLOWED.length).toBeLessThanOrEqual(10);
    for (const a of ALLOWED) {
      expect(a.why.length).toBeGreaterThan(20);
      expect(a.source.length).toBeGreaterThan(10);
    }
  });
});
