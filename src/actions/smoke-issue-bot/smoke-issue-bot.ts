import { defineAction } from "../../core/action.ts";
import { archivedResult } from "../../core/archived.ts";
import { forEachRepository } from "../../core/fan-out.ts";
import { archival } from "./archival.ts";
import { workspaceRoot } from "../../core/workspace-file.ts";
import { readOutcomes } from "./outcomes.ts";
import { record } from "./record.ts";
import { currentRun } from "./run-ref.ts";
import { schema } from "./schema.ts";
import { checkSettings } from "./settings.ts";

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * smoke-issue-bot: record mode turns one smoke run's outcomes into tracking issues (opened
 * after `threshold` consecutive failures, commented on while failing, closed on recovery);
 * archival mode walks the open ones through the archival timeline.
 */
export const action = defineAction({
  name: "smoke-issue-bot",
  title: "Smoke issue bot",
  schema,
  async run(inputs, deps) {
    // Everything that can be wrong with the inputs is reported before the first request.
    const settings = checkSettings(inputs);
    const now = deps.clock.now();
    const recording = inputs.mode === "record";
    const outcomes = recording
      ? readOutcomes(inputs.outcomes ?? "", workspaceRoot(deps.env, deps.cwd))
      : undefined;
    const run = recording ? currentRun(inputs["run-url"], deps.env, isoSeconds(now)) : undefined;
    const client = deps.makeClient(inputs.token, inputs["api-url"]);
    const dryRun = inputs["dry-run"];
    const outputs = {
      opened: [] as (number | null)[],
      commented: [] as number[],
      closed: [] as number[],
      milestones: [] as number[],
    };
    const repos = await forEachRepository([settings.repository], deps.log, async (repo) => {
      if (outcomes && run) {
        const r = await record({
          client,
          repo,
          outcomes,
          run,
          now,
          dryRun,
          threshold: inputs.threshold,
          label: inputs.label,
          title: inputs.title,
          stateBranch: inputs["state-branch"],
          statePath: settings.statePath,
          maxIssues: inputs["max-issues"],
          minRemaining: inputs["min-remaining"],
          pause: (attempt) =>
            deps.clock.sleep(Math.floor(Math.random() * 20 * Math.min(attempt, 5))),
        });
        Object.assign(outputs, { opened: r.opened, commented: r.commented, closed: r.closed });
        return r.result;
      }
      // Archival mode reads no state; the REST read is not paced like a GraphQL one.
      const { data } = await client.rest.repos.get({ owner: repo.owner, repo: repo.repo });
      if (data.archived) return archivedResult(repo.fullName);
      const a = await archival({
        client,
        repo,
        now,
        dryRun,
        label: inputs.label,
        archivalLabel: inputs["archival-label"],
        days: settings.archivalDays,
        minRemaining: inputs["min-remaining"],
      });
      outputs.milestones = a.milestones;
      return a.result;
    });
    for (const r of repos)
      for (const item of r.items ?? []) deps.log.info(`${r.repository}: ${item.text}`);
    return { outputs, repos };
  },
});
