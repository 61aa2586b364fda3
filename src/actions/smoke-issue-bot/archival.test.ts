import { afterEach, describe, expect, it } from "vitest";
import { addIssue, iso, type Sim } from "../../sim/index.ts";
import { formatMarker, parseMarker } from "./marker.ts";
import { NOW, runBot, smokeWorld } from "./smoke-world.fixture.ts";

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const daysAgo = (days: number) => iso(NOW - days * 86_400_000 - 60_000);

async function world() {
  const w = await smokeWorld();
  sim = w.sim;
  const tracking = (
    pkg: string,
    age: number,
    milestones: number[] = [],
    labels = ["smoke-broken"],
  ) =>
    addIssue(w.state, w.repo, {
      title: `Smoke test failing: ${pkg}`,
      body: `${formatMarker({ package: pkg, milestones })}\nThe smoke test of ${pkg} fails.`,
      user: "fleet-bot[bot]",
      created_at: daysAgo(age),
      labels,
    });
  return { ...w, tracking };
}

describe("archival mode against the simulator", () => {
  it("posts each due milestone once, labels at the last, and a rerun changes nothing", async () => {
    const w = await world();
    const young = w.tracking("young", 3);
    const week = w.tracking("week", 8);
    const late = w.tracking("late", 16);
    const last = w.tracking("last", 22, [7, 14]);
    const done = w.tracking("done", 40, [7, 14, 21], ["smoke-broken", "archival-candidate"]);
    addIssue(w.state, w.repo, {
      title: "a human's issue with the label",
      body: "no marker",
      user: "someone",
      created_at: daysAgo(30),
      labels: ["smoke-broken"],
    });
    const broken = addIssue(w.state, w.repo, {
      title: "marker edited by hand",
      body: "<!-- fleet:smoke-issue-bot {oops} -->",
      user: "someone",
      created_at: daysAgo(30),
      labels: ["smoke-broken"],
    });

    const r = await runBot(sim!, { mode: "archival" });
    expect(r.code).toBe(0);
    expect(r.milestones).toEqual([week.number, late.number, last.number]);
    expect(week.comments.map((c) => c.body)).toEqual([
      expect.stringContaining("open for 8 day(s) (milestone: 7 days)"),
    ]);
    expect(late.comments[0]?.body).toContain("milestone: 14 days");
    expect(last.comments[0]?.body).toContain("It is now labelled `archival-candidate`");
    expect(last.labels).toEqual(["smoke-broken", "archival-candidate"]);
    expect(week.labels).toEqual(["smoke-broken"]);
    expect(parseMarker(late.body)).toEqual({ package: "late", milestones: [7, 14] });
    expect(young.comments).toEqual([]);
    expect(done.comments).toEqual([]);
    expect(last.state).toBe("open");
    expect(r.summary).toContain("earlier milestone(s) 7 passed unposted");
    // The JSON parser's own words differ between Node versions: match around them.
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(
      new RegExp(
        `^acme/smoke: #${broken.number} carries smoke-broken but its marker is not JSON \\(.+\\): it is not tracked$`,
      ),
    );
    expect(r.result).toMatchObject({ status: "ok", tracked: 5, milestones: 3, labelled: 1 });

    sim!.log.clear();
    const again = await runBot(sim!, { mode: "archival" });
    expect(again.code).toBe(0);
    expect(again.milestones).toEqual([]);
    expect(sim!.log.mutations()).toEqual([]);
  });

  it("dry run: zero mutations, the milestones a real run posts", async () => {
    const w = await world();
    w.tracking("week", 8);
    w.tracking("last", 25, [7, 14]);
    sim!.log.clear();
    const dry = await runBot(sim!, { mode: "archival", "dry-run": "true" });
    expect(sim!.log.mutations()).toEqual([]);
    expect(dry.summary).toContain("would post the 21-day milestone");
    const real = await runBot(sim!, { mode: "archival" });
    expect(real.milestones).toEqual(dry.milestones);
    expect(real.result).toEqual(dry.result);
  });

  it("uses its own milestones and label", async () => {
    const w = await world();
    const issue = w.tracking("alpha", 4);
    const r = await runBot(sim!, {
      mode: "archival",
      "archival-days": "3, 1",
      "archival-label": "abandoned",
    });
    expect(r.milestones).toEqual([issue.number]);
    expect(issue.labels).toEqual(["smoke-broken", "abandoned"]);
    expect(parseMarker(issue.body)).toEqual({ package: "alpha", milestones: [1, 3] });
  });
});
