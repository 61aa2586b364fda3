import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.ts";
import { readInputs } from "../../core/inputs.ts";
import { EVENT_KINDS } from "../../sim/event-kinds.ts";
import { addEventOfKind } from "../../sim/small-world.fixture.ts";
import { startSim, type Sim } from "../../sim/index.ts";
import {
  addComment,
  addIssue,
  addIssueLabel,
  addRepo,
  addToken,
  createState,
  iso,
} from "../../sim/state.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import { action } from "./stale-sweep.ts";
import { FIXTURE_NOW, FIXTURE_TOKEN, SWEEPER } from "./sweep.fixture.ts";

const ago = (days: number) => iso(FIXTURE_NOW - days * 86_400_000);

/**
 * The product decision, pinned: the timeline kinds that do not keep a stale issue open when
 * someone other than the sweeper records them after the mark. Every other kind does.
 */
const NOT_HUMAN_ACTIVITY = [
  "added_to_project",
  "added_to_project_v2",
  "automatic_base_change_failed",
  "automatic_base_change_succeeded",
  "converted_note_to_issue",
  "deployed",
  "deployment_environment_changed",
  "mentioned",
  "moved_columns_in_project",
  "project_v2_item_status_changed",
  "removed_from_project",
  "removed_from_project_v2",
  "subscribed",
  "unsubscribed",
  "user_blocked",
];

let sim: Sim;
afterEach(async () => {
  await sim?.close();
});

/** acme/kinds: issue n marked stale (label and comment) 10 days ago, then one event of kind n by carol 5 days ago. */
function world() {
  const state = createState({ now: FIXTURE_NOW, seed: 7 });
  addToken(state, { token: FIXTURE_TOKEN, login: SWEEPER });
  const repo = addRepo(state, { owner: "acme", name: "kinds", created_at: ago(500) });
  const issues = EVENT_KINDS.map((kind) => {
    const issue = addIssue(state, repo, { title: kind, user: "alice", created_at: ago(60) });
    addIssueLabel(state, repo, issue, "stale", SWEEPER, ago(10));
    addComment(state, issue, `no activity ${markers.stale}`, SWEEPER, ago(10));
    return issue;
  });
  // Cross-references add their mentioning issues after every marked one.
  EVENT_KINDS.forEach((kind, i) => addEventOfKind(state, repo, issues[i]!, kind, "carol", ago(5)));
  return { state, issues };
}

describe("stale-sweep's activity rule over every timeline event kind", () => {
  it("keeps open the issues a person touched and closes those only automations or side effects touched", async () => {
    const { state, issues } = world();
    sim = await startSim(state, { clock: "manual" });
    const inputs = readInputs(
      action.schema,
      (name) =>
        ({ repositories: "acme/kinds", "dry-run": "false", "max-operations": "1000" })[name] ?? "",
      { GITHUB_TOKEN: sim.token, GITHUB_API_URL: sim.url },
    );
    const result = await action.run(inputs, testDeps({ clock: manualClock(sim.clock.now()) }));
    expect(result.repos.map((r) => r.status)).toEqual(["ok"]);

    const closed = issues.filter((i) => i.state === "closed").map((i) => i.title);
    const unstaled = issues.filter((i) => !i.labels.includes("stale")).map((i) => i.title);
    expect(closed).toEqual(NOT_HUMAN_ACTIVITY);
    expect(unstaled).toEqual(EVENT_KINDS.filter((k) => !NOT_HUMAN_ACTIVITY.includes(k)));
    for (const i of issues.filter((x) => x.state === "closed"))
      expect(i.comments.at(-1)?.body).toContain(markers.close);
  });
});
