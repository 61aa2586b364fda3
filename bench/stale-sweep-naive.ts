import { staleSweepMarkers as markers } from "../src/core/markers.ts";
import { issueSummary } from "../src/actions/stale-sweep/github.ts";
import { render } from "../src/actions/stale-sweep/messages.ts";
import { planSweep, type IssueSummary, type SweepRules } from "../src/actions/stale-sweep/plan.ts";
import { readMark } from "../src/actions/stale-sweep/read-mark.ts";
import type { FleetClient } from "../src/core/client.ts";
import { parseRepo } from "../src/core/repository.ts";

/**
 * The bash + gh way, for comparison, with the same rules: per repository, one request at a
 * time, read the repository, list every open issue, GET each one (`gh issue view`), read the
 * timeline of each stale one, then write: `gh label create` when marking, and per issue the
 * label, the comments, the close.
 */
export async function naiveSweep(
  client: FleetClient,
  repositories: readonly string[],
  rules: SweepRules,
  now: number,
): Promise<void> {
  const values = { days: rules.daysBeforeClose, label: rules.staleLabel };
  for (const fullName of repositories) {
    const { owner, repo } = parseRepo(fullName);
    const { data: info } = await client.rest.repos.get({ owner, repo });
    if (info.archived) continue;
    const numbers: number[] = [];
    for (let page = 1; ; page++) {
      const { data } = await client.rest.issues.listForRepo({
        owner,
        repo,
        state: "open",
        per_page: 100,
        page,
      });
      numbers.push(...data.filter((i) => !i.pull_request).map((i) => i.number));
      if (data.length < 100) break;
    }
    const issues: IssueSummary[] = [];
    for (const issue_number of numbers)
      issues.push(issueSummary((await client.rest.issues.get({ owner, repo, issue_number })).data));
    const staleLabeled = [];
    for (const issue of issues.filter((i) => i.labels.includes(rules.staleLabel))) {
      const { data } = await client.rest.issues.listEventsForTimeline({
        owner,
        repo,
        issue_number: issue.number,
        per_page: 100,
      });
      const timeline = data.map((e) => {
        const x = e as {
          event?: string;
          actor?: { login?: string };
          created_at?: string;
          label?: { name?: string };
          body?: string;
        };
        return {
          event: x.event ?? "",
          actor: x.actor?.login ?? null,
          at: Date.parse(x.created_at ?? "") || 0,
          label: x.label?.name,
          body: x.body,
        };
      });
      staleLabeled.push({ issue, mark: readMark(timeline, rules.staleLabel) });
    }
    const plan = planSweep({ staleLabeled, idle: issues, labelExists: true }, rules, now);
    if (plan.changes.some((c) => c.kind === "mark")) {
      // `gh label create stale || true`: asked every run, refused (422) once it exists.
      await client.rest.issues
        .createLabel({ owner, repo, name: rules.staleLabel, color: "ededed" })
        .catch((error: { status?: number }) => {
          if (error.status !== 422) throw error;
        });
    }
    for (const change of plan.changes) {
      const at = { owner, repo, issue_number: change.issue.number };
      if (change.kind === "mark") {
        await client.rest.issues.addLabels({ ...at, labels: [rules.staleLabel] });
        await client.rest.issues.createComment({
          ...at,
          body: render("Stale.", values, markers.stale),
        });
      } else if (change.kind === "unstale") {
        await client.rest.issues.removeLabel({ ...at, name: rules.staleLabel });
      } else {
        await client.rest.issues.createComment({
          ...at,
          body: render("Closed.", values, markers.close),
        });
        await client.rest.issues.update({ ...at, state: "closed", state_reason: "not_planned" });
      }
    }
  }
}
