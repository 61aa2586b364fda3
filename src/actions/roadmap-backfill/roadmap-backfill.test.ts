import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../core/client.ts";
import { addProjectItem, iso, startSim, type Sim, type SimState } from "../../sim/index.ts";
import { fastTimings, testDeps } from "../../../test/helpers/deps.ts";
import { runInMemory } from "../../../test/helpers/host.ts";
import {
  backfillFixture,
  NOW,
  placements,
  TOKENS,
  type BackfillFixture,
} from "./backfill.fixture.ts";
import { action } from "./roadmap-backfill.ts";

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function run(
  state: SimState,
  inputs: Record<string, string>,
  deps = testDeps({ clock: { now: () => NOW, sleep: async () => {} } }),
) {
  sim ??= await startSim(state, { clock: "manual" });
  const r = await runInMemory(
    action,
    {
      token: TOKENS.admin,
      "api-url": sim.url,
      "dry-run": "false",
      repositories: "acme/api,acme/web,acme/attic",
      "project-number": "7",
      ...inputs,
    },
    deps,
  );
  return { ...r, sim };
}

const result = (outputs: Record<string, string>) =>
  JSON.parse(outputs.result!) as Record<string, unknown>[];
const url = (repo: string, n: number) => `https://github.com/${repo}/issues/${n}`;
const roadmapStatus = (f: BackfillFixture) =>
  f.roadmap.items.map((i) => {
    const ref = f.state.issueNodes.get(i.contentNodeId)!;
    const field = f.roadmap.fields[0]!;
    const option = field.options.find((o) => o.id === i.fieldValues[field.id]);
    return `${ref.repo.name}#${ref.issue.number}:${option?.name ?? "-"}`;
  });

describe("roadmap-backfill run()", () => {
  it("puts every orphan on the board at Todo and leaves tracked issues, PRs and archived repos alone", async () => {
    const f = backfillFixture();
    const r = await run(f.state, {});
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(roadmapStatus(f)).toEqual([
      "api#1:In progress",
      "api#6:Todo",
      "api#7:Todo",
      "api#8:Todo",
      "api#9:Todo",
      "web#1:Todo",
      "web#2:Todo",
    ]);
    for (const issue of f.tracked) expect(placements(f, issue)).toHaveLength(1);
    expect(JSON.parse(r.outputs.added!)).toEqual([
      url("acme/api", 6),
      url("acme/api", 7),
      url("acme/api", 8),
      url("acme/api", 9),
      url("acme/web", 1),
      url("acme/web", 2),
    ]);
    expect(r.outputs).toMatchObject({ orphans: "6", left: "0" });
    expect(result(r.outputs)).toEqual([
      {
        repository: "acme/api",
        status: "ok",
        planned: 4,
        done: 4,
        left: 0,
        listed: 7,
        tracked: 3,
        orphans: 4,
        added: 4,
        raced: 0,
      },
      {
        repository: "acme/web",
        status: "ok",
        planned: 2,
        done: 2,
        left: 0,
        listed: 2,
        tracked: 0,
        orphans: 2,
        added: 2,
        raced: 0,
      },
      { repository: "acme/attic", status: "skipped", planned: 0, done: 0, left: 0 },
    ]);
    expect(r.notices).toEqual([
      "acme/attic: archived: skipped (GitHub refuses writes to archived repositories)",
    ]);
    // One board query, one listing page per repository, one addition and one Status request
    // per repository with orphans: never a request per issue.
    const log = r.sim.log.format().split("\n");
    expect(log[0]).toBe("POST /graphql query RoadmapBoard -> 200 (fleet-bot[bot])");
    expect([...log.slice(1)].sort()).toEqual(
      [
        ...Array.from(
          { length: 3 },
          () => "POST /graphql query OpenIssues -> 200 (fleet-bot[bot])",
        ),
        ...Array.from(
          { length: 2 },
          () => "POST /graphql mutation AddToBoard -> 200 (fleet-bot[bot])",
        ),
        ...Array.from(
          { length: 2 },
          () => "POST /graphql mutation SetStatus -> 200 (fleet-bot[bot])",
        ),
      ].sort(),
    );
    expect(r.summary).toContain("- [added #6 Orphan 1](https://github.com/acme/api/issues/6)");
    expect(r.summary).toContain(
      "- [added #9 Orphan 4 \\[ui\\]](https://github.com/acme/api/issues/9)",
    );
    expect(r.summary).toContain(
      "Orphans go to [Roadmap](https://github.com/orgs/acme/projects/7) (board #7 of acme) with Status 'Todo'.",
    );
  });

  it("dry run: zero mutations and the outputs the real run then reports; a rerun adds nothing", async () => {
    const f = backfillFixture();
    const dry = await run(f.state, { "dry-run": "true" });
    expect(dry.code).toBe(0);
    expect(dry.sim.log.mutations()).toEqual([]);
    expect(f.roadmap.items).toHaveLength(1);
    expect(dry.summary).toContain("## Roadmap backfill (dry run: nothing was changed)");
    expect(dry.summary).toContain(
      "- [would add #6 Orphan 1](https://github.com/acme/api/issues/6)",
    );
    expect(dry.summary).toContain("Orphans would go to [Roadmap]");

    const real = await run(f.state, {});
    expect(real.outputs).toEqual(dry.outputs);
    expect(f.roadmap.items).toHaveLength(7);

    real.sim.log.clear();
    const again = await run(f.state, {});
    expect(again.code).toBe(0);
    expect(again.sim.log.mutations()).toEqual([]);
    expect(again.outputs).toMatchObject({ added: "[]", orphans: "0", left: "0" });
    expect(again.sim.log.count()).toBe(4);
  });

  it("batches additions and Status updates: 120 orphans take 3 + 3 mutation requests", async () => {
    const f = backfillFixture({ orphans: 120 });
    const r = await run(f.state, { repositories: "acme/api" });
    expect(r.code).toBe(0);
    expect(r.outputs.orphans).toBe("120");
    expect(f.roadmap.items).toHaveLength(121);
    expect(roadmapStatus(f).filter((s) => s.endsWith(":Todo"))).toHaveLength(120);
    // 125 issues: two listing pages.
    expect(r.sim.log.count({ operation: "OpenIssues" })).toBe(2);
    expect(r.sim.log.count({ operation: "AddToBoard" })).toBe(3);
    expect(r.sim.log.count({ operation: "SetStatus" })).toBe(3);
    expect(r.sim.log.count()).toBe(1 + 2 + 3 + 3);
  });

  it("stops at max-adds with a warning and the leftover, oldest first; the next run continues", async () => {
    const f = backfillFixture();
    const first = await run(f.state, { repositories: "acme/api", "max-adds": "3" });
    expect(first.code).toBe(0);
    expect(first.warnings).toEqual([
      "acme/api: reached max-adds (3); 1 orphans left for the next run",
    ]);
    expect(result(first.outputs)[0]).toMatchObject({ status: "capped", added: 3, left: 1 });
    expect(first.outputs).toMatchObject({ orphans: "4", left: "1" });
    expect(placements(f, f.orphans[3]!)).toEqual([]);
    const second = await run(f.state, { repositories: "acme/api", "max-adds": "3" });
    expect(second.outputs).toMatchObject({ orphans: "1", left: "0" });
    expect(JSON.parse(second.outputs.added!)).toEqual([url("acme/api", 9)]);
  });

  it("stops at the rate-limit floor before adding, with the leftover, and fails nothing", async () => {
    const f = backfillFixture({ hourlyLimit: 1000 });
    const r = await run(f.state, { repositories: "acme/api", "min-remaining": "998" });
    expect(r.code).toBe(0);
    expect(r.warnings).toEqual([
      "acme/api: rate-limit floor reached (998 GraphQL points left, min-remaining 998); stopped with 4 orphans left for the next run",
    ]);
    expect(r.sim.log.mutations()).toEqual([]);
    expect(r.outputs).toMatchObject({ orphans: "4", left: "4", added: "[]" });
  });

  it("counts 'Content already exists' and an existing item as raced, leaving their Status alone", async () => {
    const f = backfillFixture();
    const [first, second] = f.orphans;
    const done = f.roadmap.fields[0]!.options[2]!;
    const deps = testDeps();
    // Another writer puts two of the orphans on the board between the listing and the addition:
    // one just now (GitHub then answers "Content already exists"), one a day ago with a Status.
    deps.makeClient = (token, baseUrl) => {
      const client = createClient({ token, baseUrl, log: deps.log, timings: fastTimings });
      client.hook.before("request", (options) => {
        if (!JSON.stringify(options).includes("AddToBoard") || f.roadmap.items.length > 1) return;
        addProjectItem(f.state, f.roadmap, first!.node_id, iso(NOW));
        const older = addProjectItem(f.state, f.roadmap, second!.node_id, iso(NOW - 86_400_000));
        older.fieldValues[f.roadmap.fields[0]!.id] = done.id;
      });
      return client;
    };
    const r = await run(f.state, { repositories: "acme/api" }, deps);
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(placements(f, first!)).toEqual([{ board: 7, status: null }]);
    expect(placements(f, second!)).toEqual([{ board: 7, status: "Done" }]);
    expect(placements(f, f.orphans[2]!)).toEqual([{ board: 7, status: "Todo" }]);
    expect(result(r.outputs)[0]).toMatchObject({
      status: "ok",
      orphans: 4,
      added: 2,
      raced: 2,
      left: 0,
    });
    expect(JSON.parse(r.outputs.added!)).toEqual([url("acme/api", 8), url("acme/api", 9)]);
    expect(r.summary).toContain("#6 was put on the board by someone else meanwhile; left as it is");
    // The Status request names only the two items this run created.
    expect(r.sim.log.count({ operation: "SetStatus" })).toBe(1);
  });

  it("waits out a secondary limit on the additions and goes on", async () => {
    const f = backfillFixture();
    const deps = testDeps();
    sim = await startSim(f.state, { clock: "manual" });
    sim.faults.add({
      match: { operation: "AddToBoard" },
      when: { nth: 1 },
      then: {
        status: 403,
        headers: { "retry-after": "1" },
        body: {
          message:
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        },
      },
    });
    const r = await run(f.state, { repositories: "acme/api" }, deps);
    expect(r.code).toBe(0);
    expect(r.outputs.added).toContain(url("acme/api", 9));
    expect(r.sim.log.filter({ operation: "AddToBoard" }).map((e) => e.status)).toEqual([403, 200]);
    expect(deps.log.lines.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^secondary rate limit on POST \/graphql; waiting 1s and retrying/),
    );
  });

  it("fails a repository loud when its listing is rate limited midway; the others are done", async () => {
    const f = backfillFixture({ orphans: 120 });
    sim = await startSim(f.state, { clock: "manual" });
    // acme/api's second page, after both first pages.
    sim.faults.add({
      match: { operation: "OpenIssues" },
      when: { nth: 3 },
      then: {
        status: 200,
        headers: {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
          "x-ratelimit-resource": "graphql",
        },
        body: {
          errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for installation." }],
        },
      },
    });
    const r = await run(f.state, { repositories: "acme/api,acme/web" });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      expect.stringMatching(
        /^acme\/api: listing open issues stopped after 1 of 2 pages \(23 of 123 open issues not listed\): the primary rate limit is exhausted \(0 requests left; resets at .*\); the rest of this work was not done, rerun after the reset; nothing was added in this repository$/,
      ),
    ]);
    expect(result(r.outputs).map((x) => x.status)).toEqual(["failed", "ok"]);
    expect(f.orphans.every((i) => placements(f, i).length === 0)).toBe(true);
    expect(r.outputs).toMatchObject({ orphans: "2", left: "0" });
  });

  it("fails a repository the token cannot see, naming it, and does the others", async () => {
    const f = backfillFixture();
    const r = await run(f.state, { repositories: "acme/gone,acme/web" });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      "acme/gone: listing open issues failed on its first page: Could not resolve to a Repository with the name 'acme/gone'. (it does not exist, or the token cannot see it: an App token reaches only the repositories it was minted for); nothing was added in this repository",
    ]);
    expect(result(r.outputs).map((x) => x.status)).toEqual(["failed", "ok"]);
    expect(r.outputs).toMatchObject({ orphans: "2", left: "0" });
  });

  it("fails loud when a Status cannot be set, naming the issue left on the board without one", async () => {
    const f = backfillFixture({ orphans: 2 });
    sim = await startSim(f.state, { clock: "manual" });
    sim.faults.add({
      match: { operation: "SetStatus" },
      then: { status: 502, body: { message: "Bad Gateway" } },
    });
    const r = await run(f.state, { repositories: "acme/api" });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(
      /^acme\/api: #6 was added to the board but its Status could not be set to 'Todo' \(setting Status of 2 items: GitHub answered 502 after retries: Bad Gateway\); it is on the board without one until the next run, which finds fleet's items without a Status and sets it; #7 was added/,
    );
    expect(result(r.outputs)[0]).toMatchObject({ status: "failed", added: 0, left: 0 });
  });

  describe("the board", () => {
    it("fails before any repository when the Status field is missing, naming those there are", async () => {
      const f = backfillFixture();
      const r = await run(f.state, { "status-field": "Stage" });
      expect(r.code).toBe(1);
      expect(r.errors).toEqual([
        "roadmap-backfill: status-field 'Stage': board #7 'Roadmap' of acme (https://github.com/orgs/acme/projects/7) has no field of that name; its single-select fields are 'Status'",
      ]);
      expect(r.sim.log.format()).toBe("POST /graphql query RoadmapBoard -> 200 (fleet-bot[bot])");
      expect(r.outputs.result).toBe("[]");
    });

    it("fails before any repository when the option is missing", async () => {
      const f = backfillFixture();
      const r = await run(f.state, { "status-value": "Backlog" });
      expect(r.code).toBe(1);
      expect(r.errors).toEqual([
        "roadmap-backfill: status-value 'Backlog': the field 'Status' of board #7 'Roadmap' of acme (https://github.com/orgs/acme/projects/7) has no such option; its options are 'Todo', 'In progress', 'Done'",
      ]);
      expect(r.sim.log.count()).toBe(1);
      expect(f.roadmap.items).toHaveLength(1);
    });

    it("names the board number and the permission when the board is not there", async () => {
      const f = backfillFixture();
      const r = await run(f.state, { "project-number": "9" });
      expect(r.errors).toEqual([
        "roadmap-backfill: project-number 9: Could not resolve to a ProjectV2 with the number 9. Check the number in the board's URL (https://github.com/orgs/acme/projects/9); if it is right, the token needs the organization permission Projects: read and write, which a GitHub App installation token (or a personal access token with the project scope) can have; GITHUB_TOKEN can never reach an organization's board",
      ]);
    });

    it("names project-owner when the org does not exist", async () => {
      const f = backfillFixture();
      const r = await run(f.state, { "project-owner": "acme-labs" });
      expect(r.errors).toEqual([
        "roadmap-backfill: project-owner 'acme-labs': Could not resolve to an Organization with the login of 'acme-labs'. Allowed: the login of an organization that owns the board (a user's board is not supported)",
      ]);
    });

    it("refuses GITHUB_TOKEN, saying which permission is needed", async () => {
      const f = backfillFixture();
      const r = await run(f.state, { token: TOKENS.workflow, repositories: "acme/api" });
      expect(r.code).toBe(1);
      expect(r.errors).toEqual([
        "roadmap-backfill: project-number 7: the token may not read the boards of acme (Resource not accessible by integration); the token needs the organization permission Projects: read and write, which a GitHub App installation token (or a personal access token with the project scope) can have; GITHUB_TOKEN can never reach an organization's board",
      ]);
      expect(r.sim.log.count()).toBe(1);
    });

    it("refuses a read-only token for a real run, and previews with it in a dry run", async () => {
      const f = backfillFixture();
      const real = await run(f.state, { token: TOKENS.reader });
      expect(real.code).toBe(1);
      expect(real.errors[0]).toMatch(
        /^roadmap-backfill: project-number 7: the token can read board #7 'Roadmap' of acme but may not add items to it; the token needs the organization permission Projects: read and write/,
      );
      expect(real.sim.log.count()).toBe(1);
      const dry = await run(f.state, { token: TOKENS.reader, "dry-run": "true" });
      expect(dry.code).toBe(0);
      expect(dry.outputs.orphans).toBe("6");
      expect(dry.warnings[0]).toMatch(
        /^the token can read board #7 'Roadmap' but may not add items to it, so a real run would fail/,
      );
    });
  });
});
