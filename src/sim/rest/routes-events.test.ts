import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_KINDS, TIMELINE_ONLY } from "../event-kinds.ts";
import { addEventOfKind, call, daysAgo, smallWorld } from "../small-world.fixture.ts";
import { startSim, type Sim } from "../index.ts";
import { addIssue, addIssueEvent, type SimRepo } from "../state.ts";

type Entry = Record<string, unknown> & { event: string };

let sim: Sim;
let repo: SimRepo;

beforeAll(async () => {
  const world = smallWorld();
  repo = world.repo;
  const issue = addIssue(world.state, repo, {
    title: "all",
    user: "alice",
    created_at: daysAgo(9),
  });
  for (const kind of EVENT_KINDS) addEventOfKind(world.state, repo, issue, kind, "bob", daysAgo(5));
  const ghost = addIssue(world.state, repo, {
    title: "ghost",
    user: "bob",
    created_at: daysAgo(9),
  });
  addIssueEvent(world.state, ghost, {
    event: "cross-referenced",
    actor: null,
    created_at: daysAgo(4),
    source: issue.number,
  });
  repo.caches.push(
    ...[1, 2, 3].map((n) => ({
      id: n,
      ref: n === 3 ? "refs/heads/dev" : "refs/heads/main",
      key: `Linux-node-${n}`,
      version: `v${n}`,
      size_in_bytes: 1024 * n,
      created_at: daysAgo(10 - n),
      last_accessed_at: daysAgo(n),
    })),
  );
  sim = await startSim(world.state, { clock: "manual" });
});
afterAll(() => sim.close());

describe("GET .../issues/{n}/timeline", () => {
  it("serves every kind of event in the shape GitHub documents for it", async () => {
    const r = await call<Entry[]>(sim.url, "GET", "/repos/acme/api/issues/1/timeline?per_page=100");
    expect(r.status).toBe(200);
    // `unlabeled` takes off the label that `labeled` put on.
    expect(r.body.map((e) => e.event)).toEqual([...EVENT_KINDS]);
    const of = (kind: string) => r.body.find((e) => e.event === kind)!;
    expect(of("committed")).not.toHaveProperty("created_at");
    expect(of("committed")).not.toHaveProperty("actor");
    expect(of("committed")).toMatchObject({ message: "Fix it", author: { date: daysAgo(5) } });
    expect(of("reviewed")).not.toHaveProperty("created_at");
    expect(of("reviewed")).toMatchObject({ user: { login: "bob" }, submitted_at: daysAgo(5) });
    expect(of("cross-referenced")).toMatchObject({
      actor: { login: "bob" },
      source: { type: "issue", issue: { number: 2, title: "mentions #1" } },
    });
    expect(of("renamed")).toMatchObject({ rename: { from: "all", to: "all (renamed)" } });
    expect(of("assigned")).toMatchObject({ assignee: { login: "bob" } });
    expect(of("milestoned")).toMatchObject({ milestone: { title: "v1" } });
    expect(of("referenced").commit_id).toMatch(/^[0-9a-f]{40}$/);
    expect(of("added_to_project_v2")).toMatchObject({ actor: { login: "bob" }, commit_id: null });
  });

  it("leaves out the actor of a cross-reference GitHub cannot name", async () => {
    const r = await call<Entry[]>(sim.url, "GET", "/repos/acme/api/issues/3/timeline");
    expect(r.body).toHaveLength(1);
    expect(r.body[0]).not.toHaveProperty("actor");
    expect(r.body[0]).toMatchObject({ event: "cross-referenced", created_at: daysAgo(4) });
  });
});

describe("GET .../issues/{n}/events", () => {
  it("lists the issue's events without the timeline-only comments, commits, reviews and references", async () => {
    const r = await call<Entry[]>(sim.url, "GET", "/repos/acme/api/issues/1/events?per_page=100");
    expect(r.status).toBe(200);
    const kinds = r.body.map((e) => e.event);
    expect(kinds.filter((k) => TIMELINE_ONLY.has(k as never))).toEqual([]);
    expect(new Set(kinds)).toEqual(new Set(EVENT_KINDS.filter((k) => !TIMELINE_ONLY.has(k))));
    expect(r.body.find((e) => e.event === "labeled")).toMatchObject({
      actor: { login: "bob" },
      label: { name: "touched-1" },
      url: expect.stringMatching(/\/repos\/acme\/api\/issues\/events\/\d+$/),
    });
    const paged = await call<Entry[]>(sim.url, "GET", "/repos/acme/api/issues/1/events?per_page=2");
    expect(paged.body).toHaveLength(2);
    expect(paged.headers.get("link")).toContain(`rel="next"`);
    expect((await call(sim.url, "GET", "/repos/acme/api/issues/99/events")).status).toBe(404);
  });
});

describe("GET .../actions/caches", () => {
  type Caches = { total_count: number; actions_caches: { id: number }[] };
  const ids = (r: { body: Caches }) => r.body.actions_caches.map((c) => c.id);

  it("lists caches most recently used first, filtered by ref and key prefix", async () => {
    const all = await call<Caches>(sim.url, "GET", "/repos/acme/api/actions/caches");
    expect(all.status).toBe(200);
    expect(all.body.total_count).toBe(3);
    expect(ids(all)).toEqual([1, 2, 3]);
    const main = await call<Caches>(
      sim.url,
      "GET",
      "/repos/acme/api/actions/caches?ref=refs/heads/main&sort=size_in_bytes",
    );
    expect(ids(main)).toEqual([2, 1]);
    const key = await call<Caches>(
      sim.url,
      "GET",
      "/repos/acme/api/actions/caches?key=Linux-node-3",
    );
    expect(ids(key)).toEqual([3]);
    const bad = await call(sim.url, "GET", "/repos/acme/api/actions/caches?sort=name");
    expect(bad.status).toBe(422);
  });
});
