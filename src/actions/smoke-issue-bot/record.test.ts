import { afterEach, describe, expect, it } from "vitest";
import { closeIssue, getIssue, removeIssueLabel, type Sim } from "../../sim/index.ts";
import { parseMarker } from "./marker.ts";
import { freshState } from "./package-state.ts";
import { NOW, runBot, runUrl, seedStates, smokeWorld, storedState } from "./smoke-world.fixture.ts";

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const outcomes = (o: Record<string, string>) => JSON.stringify(o);
// The two reads of every record run: the state folder (with the archived flag) and the issues.
const READ_FOLDER = "POST /graphql query SmokeStateFolder -> 200 (fleet-bot[bot])";
const LIST_ISSUES =
  "GET /repos/acme/smoke/issues?state=open&labels=smoke-broken&sort=created&direction=asc&per_page=100 -> 200 (fleet-bot[bot])";
// Run n happens n hours after NOW, unless a test says when.
const record = (
  s: Sim,
  id: number,
  o: Record<string, string>,
  extra: Record<string, string> = {},
  now = NOW + id * 3_600_000,
) => runBot(s, { mode: "record", outcomes: outcomes(o), "run-url": runUrl(id), ...extra }, { now });

describe("record mode against the simulator", () => {
  it("opens at the threshold, comments while failing, closes on recovery", async () => {
    const w = await smokeWorld();
    sim = w.sim;

    const first = await record(sim, 1, { alpha: "failure", beta: "success" });
    expect(first.code).toBe(0);
    expect(first.opened).toEqual([]);
    expect(storedState(w.repo, "alpha")).toMatchObject({ failures: 1, issue: null });
    // A passing package with no history costs no write; the default branch is looked up only
    // to create the missing state branch.
    expect(storedState(w.repo, "beta")).toBeUndefined();
    expect(sim.log.format()).toBe(
      [
        READ_FOLDER,
        LIST_ISSUES,
        "PUT /repos/acme/smoke/contents/smoke-state%2Falpha.json -> 404 (fleet-bot[bot])",
        "GET /repos/acme/smoke -> 200 (fleet-bot[bot])",
        "GET /repos/acme/smoke/git/ref/heads%2Fmain -> 200 (fleet-bot[bot])",
        "POST /repos/acme/smoke/git/refs -> 201 (fleet-bot[bot])",
        "PUT /repos/acme/smoke/contents/smoke-state%2Falpha.json -> 201 (fleet-bot[bot])",
      ].join("\n"),
    );

    const second = await record(sim, 2, { alpha: "failure", beta: "success" });
    expect(second.code).toBe(0);
    expect(second.opened).toHaveLength(1);
    const number = second.opened[0]!;
    const issue = getIssue(w.repo, number)!;
    expect(issue.title).toBe("Smoke test failing: alpha");
    expect(issue.labels).toEqual(["smoke-broken"]);
    expect(parseMarker(issue.body)).toEqual({ package: "alpha", milestones: [] });
    expect(issue.body).toContain(`[run 1](${runUrl(1)})`);
    expect(issue.body).toContain(`[run 2](${runUrl(2)})`);
    expect(storedState(w.repo, "alpha")).toMatchObject({
      failures: 2,
      issue: number,
      opening: null,
    });

    sim.log.clear();
    const third = await record(sim, 3, { alpha: "failure", beta: "success" });
    expect(third.commented).toEqual([number]);
    expect(issue.comments.at(-1)?.body).toContain(
      `[run 3](${runUrl(3)}): 3 consecutive failure(s)`,
    );
    // Both state files came with the folder read: no contents GET.
    expect(sim.log.format()).toBe(
      [
        READ_FOLDER,
        LIST_ISSUES,
        "PUT /repos/acme/smoke/contents/smoke-state%2Falpha.json -> 200 (fleet-bot[bot])",
        `POST /repos/acme/smoke/issues/${number}/comments -> 201 (fleet-bot[bot])`,
      ].join("\n"),
    );

    const fourth = await record(sim, 4, { alpha: "success", beta: "success" });
    expect(fourth.closed).toEqual([number]);
    expect(issue.state).toBe("closed");
    expect(issue.state_reason).toBe("completed");
    expect(issue.comments.at(-1)?.body).toContain(`passes again in [run 4](${runUrl(4)})`);
    expect(storedState(w.repo, "alpha")).toEqual(freshState("alpha"));
    expect(fourth.result).toMatchObject({ status: "ok", closed: 1, written: 1 });
  });

  it("counts a rerun of the same run once and makes no mutation", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    await record(sim, 1, { alpha: "failure" });
    await record(sim, 2, { alpha: "failure" });
    sim.log.clear();
    const rerun = await record(sim, 2, { alpha: "failure" });
    expect(rerun.code).toBe(0);
    expect(sim.log.mutations()).toEqual([]);
    expect(storedState(w.repo, "alpha")?.failures).toBe(2);
    expect(w.repo.issues).toHaveLength(1);
  });

  it("dry run: zero mutating requests, the outputs a real run reports", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    seedStates(w.repo, [
      {
        ...freshState("alpha"),
        failures: 1,
        runs: [{ id: "1", url: runUrl(1), at: "x" }],
      },
    ]);
    sim.log.clear();
    const dry = await record(sim, 2, { alpha: "failure", beta: "failure" }, { "dry-run": "true" });
    expect(dry.code).toBe(0);
    expect(sim.log.mutations()).toEqual([]);
    expect(dry.opened).toEqual([null]);
    expect(dry.summary).toContain("dry run: nothing was changed");
    expect(dry.summary).toContain("alpha: failure, 2 in a row: would open a tracking issue");
    const real = await record(sim, 2, { alpha: "failure", beta: "failure" });
    expect(real.opened).toHaveLength(1);
    expect(real.result).toEqual(dry.result);
    expect(real.commented).toEqual(dry.commented);
  });

  it("respects a human closing the issue while the package still fails", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    await record(sim, 1, { alpha: "failure" });
    const opened = (await record(sim, 2, { alpha: "failure" })).opened[0]!;
    closeIssue(
      w.state,
      getIssue(w.repo, opened)!,
      "not_planned",
      "maintainer",
      "2026-06-01T15:00:00Z",
    );

    const next = await record(sim, 3, { alpha: "failure" });
    expect(next.code).toBe(0);
    expect(getIssue(w.repo, opened)?.state).toBe("closed");
    expect(w.repo.issues).toHaveLength(1);
    expect(next.summary).toContain(`#${opened} was closed or unlabelled by a human: not reopened`);
    expect(storedState(w.repo, "alpha")).toMatchObject({ failures: 1, issue: null });

    const again = await record(sim, 4, { alpha: "failure" });
    expect(again.opened).toHaveLength(1);
    expect(again.opened[0]).not.toBe(opened);
  });

  it("treats an unlabelled issue as taken out of its hands, and stays quiet on a locked one", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    await record(sim, 1, { alpha: "failure", beta: "failure" });
    const { opened } = await record(sim, 2, { alpha: "failure", beta: "failure" });
    const [a, b] = opened.map((n) => getIssue(w.repo, n!)!);
    removeIssueLabel(w.state, a!, "smoke-broken", "maintainer", "2026-06-01T15:00:00Z");
    b!.locked = true;
    sim.log.clear();
    const next = await record(sim, 3, { alpha: "failure", beta: "failure" });
    expect(next.code).toBe(0);
    expect(next.commented).toEqual([]);
    expect(a!.comments).toEqual([]);
    expect(b!.comments).toEqual([]);
    expect(storedState(w.repo, "alpha")).toMatchObject({ failures: 1, issue: null });
    expect(storedState(w.repo, "beta")).toMatchObject({ failures: 3, issue: b!.number });
    // The listing did not show alpha's issue: one GET confirmed it is no longer tracked.
    expect(sim.log.count({ method: "GET", path: `/repos/acme/smoke/issues/${a!.number}` })).toBe(1);
  });

  it("a 403 on the state branch fails loud, leaves the state untouched and opens no issue", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    seedStates(w.repo, [{ ...freshState("alpha"), failures: 1 }]);
    const before = w.repo.branches.get("fleet-smoke-state")!.sha;
    w.state.tokens.set("ghs_readonly", {
      token: "ghs_readonly",
      login: "smoke[bot]",
      kind: "app",
      permissions: { issues: "write", contents: "read" },
      repositories: ["acme/smoke"],
      hourlyLimit: 5000,
    });
    const r = await runBot(
      sim,
      { mode: "record", outcomes: '{"alpha": "failure", "beta": "failure"}', "run-url": runUrl(2) },
      { token: "ghs_readonly" },
    );
    expect(r.code).toBe(1);
    expect(r.errors.join("\n")).toContain(
      "acme/smoke: alpha: writing smoke-state/alpha.json on branch fleet-smoke-state on acme/smoke: 403 Forbidden: Resource not accessible by integration; the token needs permission contents=write; its state is unchanged and its issue untouched; 2 package(s) left unrecorded: alpha, beta",
    );
    expect(w.repo.branches.get("fleet-smoke-state")!.sha).toBe(before);
    expect(w.repo.issues).toEqual([]);
  });

  it("a state file it cannot read fails loud and writes nothing", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    seedStates(w.repo, [{ ...freshState("alpha"), failures: 1 }]);
    const file = w.repo.branches.get("fleet-smoke-state")!.files.get("smoke-state/alpha.json")!;
    file.content = "{ not json";
    sim.log.clear();
    const r = await record(sim, 2, { alpha: "failure" });
    expect(r.code).toBe(1);
    expect(r.errors[0]).toContain("acme/smoke: smoke-state/alpha.json: malformed JSON");
    expect(sim.log.mutations()).toEqual([]);
  });

  it("a listing that fails is an error naming the repository, never 'no tracking issues'", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    sim.faults.add({
      match: { method: "GET", path: "/repos/acme/smoke/issues" },
      then: { status: 502 },
    });
    const r = await record(sim, 1, { alpha: "failure" });
    expect(r.code).toBe(1);
    expect(r.errors[0]).toMatch(
      /^acme\/smoke: listing open issues labelled smoke-broken on acme\/smoke: GitHub answered 502 after retries: .*; nothing further was done in this repository$/,
    );
    expect(sim.log.mutations()).toEqual([]);
  });

  it("retries transient 5xx on the folder read and secondary limits on the contents API", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    seedStates(w.repo, [{ ...freshState("alpha"), failures: 1 }]);
    sim.faults.add({
      match: { method: "POST", path: "/graphql", operation: "SmokeStateFolder" },
      when: { nth: 1 },
      then: { status: 502 },
    });
    sim.faults.add({
      match: { method: "PUT", path: "/repos/acme/smoke/contents/**" },
      when: { nth: 1 },
      then: {
        status: 403,
        headers: { "retry-after": "1" },
        body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes." },
      },
    });
    const r = await record(sim, 2, { alpha: "failure" }, { threshold: "5" });
    expect(r.code).toBe(0);
    expect(storedState(w.repo, "alpha")?.failures).toBe(2);
    expect(r.warnings.join("\n")).toContain("secondary rate limit on PUT");
    expect(sim.log.count({ operation: "SmokeStateFolder" })).toBe(2);
  });

  it("re-reads and re-applies on a conflicting write, retrying a transient 5xx on the re-read", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    seedStates(w.repo, [{ ...freshState("alpha"), failures: 1 }]);
    const contents = "/repos/acme/smoke/contents/**";
    // Another writer saved between this run's read and its write: the first PUT meets a stale sha.
    sim.faults.add({
      match: { method: "PUT", path: contents },
      when: { nth: 1 },
      then: { status: 409, body: { message: "smoke-state/alpha.json does not match" } },
    });
    sim.faults.add({
      match: { method: "GET", path: contents },
      when: { nth: 1 },
      then: { status: 503 },
    });
    sim.log.clear();
    const r = await record(sim, 2, { alpha: "failure" }, { threshold: "5" });
    expect(r.code).toBe(0);
    expect(storedState(w.repo, "alpha")?.failures).toBe(2);
    // Only the conflict costs a contents read of the file (503, then its retry).
    expect(sim.log.format()).toBe(
      [
        READ_FOLDER,
        LIST_ISSUES,
        "PUT /repos/acme/smoke/contents/smoke-state%2Falpha.json -> 409 (fleet-bot[bot])",
        "GET /repos/acme/smoke/contents/smoke-state%2Falpha.json?ref=fleet-smoke-state -> 503 (fleet-bot[bot])",
        "GET /repos/acme/smoke/contents/smoke-state%2Falpha.json?ref=fleet-smoke-state -> 200 (fleet-bot[bot])",
        "PUT /repos/acme/smoke/contents/smoke-state%2Falpha.json -> 200 (fleet-bot[bot])",
      ].join("\n"),
    );
  });

  it("reads a blob the folder read truncated or holds as binary through the contents API", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    const history = (name: string) => ({ ...freshState(name), failures: 1 });
    seedStates(w.repo, ["alpha", "beta", "gamma"].map(history));
    const files = w.repo.branches.get("fleet-smoke-state")!.files;
    const entry = (name: string, blob: Record<string, unknown>) => {
      const file = files.get(`smoke-state/${name}.json`)!;
      return {
        name: `${name}.json`,
        type: "blob",
        oid: file.sha,
        object: { text: file.content, isBinary: false, isTruncated: false, ...blob },
      };
    };
    // What GitHub answers for a blob too large to inline, and for one it takes for binary.
    sim.faults.add({
      match: { operation: "SmokeStateFolder" },
      then: {
        status: 200,
        body: {
          data: {
            repository: {
              isArchived: false,
              object: {
                __typename: "Tree",
                entries: [
                  entry("alpha", { text: '{"package": "al', isTruncated: true }),
                  entry("beta", {}),
                  entry("gamma", { text: null, isBinary: true }),
                ],
              },
            },
          },
        },
      },
    });
    sim.log.clear();
    const r = await record(
      sim,
      2,
      { alpha: "failure", beta: "failure", gamma: "failure" },
      { threshold: "5" },
    );
    expect(r.code).toBe(0);
    for (const name of ["alpha", "beta", "gamma"])
      expect(storedState(w.repo, name)?.failures).toBe(2);
    expect(sim.log.format({ method: "GET", path: "/repos/acme/smoke/contents/**" })).toBe(
      ["alpha", "gamma"]
        .map(
          (name) =>
            `GET /repos/acme/smoke/contents/smoke-state%2F${name}.json?ref=fleet-smoke-state -> 200 (fleet-bot[bot])`,
        )
        .join("\n"),
    );
  });

  it("a folder read it may not make fails loud and writes nothing", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    seedStates(w.repo, [{ ...freshState("alpha"), failures: 1 }]);
    w.state.tokens.set("ghs_issues_only", {
      token: "ghs_issues_only",
      login: "smoke[bot]",
      kind: "app",
      permissions: { issues: "write" },
      repositories: ["acme/smoke"],
      hourlyLimit: 5000,
    });
    sim.log.clear();
    const r = await runBot(
      sim,
      { mode: "record", outcomes: '{"alpha": "failure"}', "run-url": runUrl(2) },
      { token: "ghs_issues_only" },
    );
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      "acme/smoke: reading the state files in smoke-state on branch fleet-smoke-state on acme/smoke: Resource not accessible by integration; nothing further was done in this repository",
    ]);
    expect(sim.log.format()).toBe("POST /graphql query SmokeStateFolder -> 200 (smoke[bot])");
  });

  it("a state-path that is a file, not a folder, fails loud and writes nothing", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    seedStates(w.repo, [{ ...freshState("alpha"), failures: 1 }]);
    const r = await record(
      sim,
      2,
      { alpha: "failure" },
      { "state-path": "smoke-state/alpha.json" },
    );
    expect(r.code).toBe(1);
    expect(r.errors[0]).toContain(
      "acme/smoke: state-path 'smoke-state/alpha.json' on branch fleet-smoke-state of acme/smoke is a blob, not a folder",
    );
    expect(sim.log.mutations()).toEqual([]);
  });

  it("twenty concurrent record runs for one package lose no increment and open one issue", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => record(sim!, 100 + i, { alpha: "failure" }, {}, NOW)),
    );
    expect(runs.map((r) => r.code)).toEqual(Array(20).fill(0));
    const s = storedState(w.repo, "alpha")!;
    expect(s.failures).toBe(20);
    expect(w.repo.issues).toHaveLength(1);
    expect(s.issue).toBe(1);
  });

  it("a 50-package run with no change makes two reads and no write", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    const names = Array.from({ length: 50 }, (_, i) => `pkg-${String(i).padStart(2, "0")}`);
    await record(
      sim,
      1,
      Object.fromEntries(names.map((n) => [n, n < "pkg-05" ? "failure" : "success"])),
    );
    await record(sim, 2, Object.fromEntries(names.map((n) => [n, "success"])));
    sim.log.clear();
    const r = await record(
      sim,
      3,
      Object.fromEntries(names.map((n, i) => [n, i % 7 === 0 ? "skipped" : "success"])),
    );
    expect(r.code).toBe(0);
    // Every state file and the archived flag in one GraphQL read, the tracking issues in one page.
    expect(sim.log.format()).toBe([READ_FOLDER, LIST_ISSUES].join("\n"));
  });

  it("an issue that could not be opened fails loud, releases the claim, and opens next time", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    await record(sim, 1, { alpha: "failure" });
    sim.faults.add({
      match: { method: "POST", path: "/repos/acme/smoke/issues" },
      then: { status: 500 },
    });
    const failed = await record(sim, 2, { alpha: "failure" });
    expect(failed.code).toBe(1);
    expect(failed.errors[0]).toMatch(
      /^acme\/smoke: alpha: opening the tracking issue of alpha: GitHub answered 500 after retries: .* \(its state was saved: the next run picks up from it\)$/,
    );
    expect(storedState(w.repo, "alpha")).toMatchObject({ failures: 2, opening: null, issue: null });
    sim.faults.clear();
    const next = await record(sim, 3, { alpha: "failure" });
    expect(next.opened).toEqual([1]);
    expect(storedState(w.repo, "alpha")).toMatchObject({ failures: 3, issue: 1, opening: null });
  });

  it("opens at most max-issues in one run, with a warning; the rest open on the next failure", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    const all = { a: "failure", b: "failure", c: "failure" };
    await record(sim, 1, all);
    const preview = await record(sim, 2, all, { "max-issues": "2", "dry-run": "true" });
    expect(preview.warnings).toEqual([
      "acme/smoke: would reach max-issues (2); 1 tracking issue(s) would be left for a later failing run",
    ]);
    const capped = await record(sim, 2, all, { "max-issues": "2" });
    expect(capped.code).toBe(0);
    expect(capped.opened).toHaveLength(2);
    expect(capped.result).toMatchObject({ status: "capped", left: 1 });
    expect(capped.warnings).toEqual([
      "acme/smoke: reached max-issues (2); 1 tracking issue(s) left for a later failing run",
    ]);
    const next = await record(sim, 3, all, { "max-issues": "2" });
    expect(next.opened).toHaveLength(1);
    expect(next.commented).toHaveLength(2);
  });

  it("skips an archived repository with a notice", async () => {
    const w = await smokeWorld({ archived: true });
    sim = w.sim;
    const r = await record(sim, 1, { alpha: "failure" });
    expect(r.code).toBe(0);
    expect(r.notices[0]).toContain("acme/smoke: archived");
    // The folder read says so: nothing else is asked.
    expect(sim.log.format()).toBe(READ_FOLDER);
  });
});
