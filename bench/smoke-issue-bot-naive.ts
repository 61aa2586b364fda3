import { parseMarker } from "../src/actions/smoke-issue-bot/marker.ts";
import {
  failureComment,
  issueBody,
  issueTitle,
  recoveryComment,
} from "../src/actions/smoke-issue-bot/messages.ts";
import type { Outcome } from "../src/actions/smoke-issue-bot/outcomes.ts";
import {
  freshState,
  serializeState,
  type PackageState,
} from "../src/actions/smoke-issue-bot/package-state.ts";
import { decidePackage } from "../src/actions/smoke-issue-bot/plan.ts";
import { runIdOf } from "../src/actions/smoke-issue-bot/run-ref.ts";
import type { FleetClient } from "../src/core/client.ts";
import { iso } from "../src/sim/index.ts";

/**
 * The bash + gh way of recording a smoke run, one package after the other: `gh api` the
 * package's state file, `gh issue list --label` to find its issue, always write the state
 * back, then open, comment or close. Same decisions as the action; only the requests differ.
 */
export async function naiveRecord(
  client: FleetClient,
  o: {
    owner: string;
    repo: string;
    outcomes: Map<string, Outcome>;
    runUrl: string;
    now: number;
  },
): Promise<void> {
  const at = { owner: o.owner, repo: o.repo };
  const run = { id: runIdOf(o.runUrl), url: o.runUrl, at: iso(o.now) };
  for (const [name, outcome] of o.outcomes) {
    const path = `smoke-state/${name}.json`;
    let state: PackageState = freshState(name);
    let sha: string | undefined;
    try {
      const { data } = await client.rest.repos.getContent({
        ...at,
        path,
        ref: "fleet-smoke-state",
      });
      const file = data as { content: string; sha: string };
      state = JSON.parse(Buffer.from(file.content, "base64").toString("utf8")) as PackageState;
      sha = file.sha;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
    const { data: issues } = await client.rest.issues.listForRepo({
      ...at,
      state: "open",
      labels: "smoke-broken",
      per_page: 100,
    });
    const found = issues.find((i) => {
      const m = parseMarker(i.body);
      return m !== undefined && !("problem" in m) && m.package === name;
    });
    const tracked = found && {
      number: found.number,
      package: name,
      milestones: [],
      url: found.html_url,
      createdAt: found.created_at,
      locked: found.locked,
      body: found.body ?? "",
      labels: [],
    };
    const d = decidePackage({
      name,
      outcome,
      state,
      tracked,
      run,
      threshold: 2,
      now: o.now,
      mayOpen: true,
    });
    const next = d.next ?? state;
    await client.rest.repos.createOrUpdateFileContents({
      ...at,
      path,
      branch: "fleet-smoke-state",
      message: `smoke: ${name} ${outcome}`,
      content: Buffer.from(serializeState(next), "utf8").toString("base64"),
      ...(sha === undefined ? {} : { sha }),
    });
    const a = d.action;
    if (a.kind === "open")
      await client.rest.issues.create({
        ...at,
        title: issueTitle("Smoke test failing: {package}", name),
        body: issueBody(next, 2),
        labels: ["smoke-broken"],
      });
    if (a.kind === "comment")
      await client.rest.issues.createComment({
        ...at,
        issue_number: a.issue,
        body: failureComment(name, run, next.failures),
      });
    if (a.kind === "close") {
      await client.rest.issues.createComment({
        ...at,
        issue_number: a.issue,
        body: recoveryComment(name, run),
      });
      await client.rest.issues.update({ ...at, issue_number: a.issue, state: "closed" });
    }
  }
}
