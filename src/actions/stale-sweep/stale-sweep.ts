import { defineAction } from "../../core/action.ts";
import { forEachRepository } from "../../core/fan-out.ts";
import { webLinks, webRoot } from "../../core/web-links.ts";
import { schema } from "./inputs.ts";
import type { Change } from "./plan.ts";
import { changesSummary } from "./summary.ts";
import { sweepRepository } from "./sweep-repository.ts";

/**
 * Repositories swept at once. Their reads overlap; their writes still go one at a time
 * through the client's write queue, as GitHub asks.
 */
const CONCURRENCY = 4;

/** stale-sweep: mark inactive issues, un-stale those touched since, close those left alone. */
export const action = defineAction({
  name: "stale-sweep",
  title: "Stale sweep",
  schema,
  async run(inputs, deps) {
    const client = deps.makeClient(inputs.token, inputs["api-url"]);
    const settings = {
      rules: {
        daysBeforeStale: inputs["days-before-stale"],
        daysBeforeClose: inputs["days-before-close"],
        staleLabel: inputs["stale-label"],
        exemptLabels: inputs["exempt-labels"],
      },
      write: {
        staleLabel: inputs["stale-label"],
        daysBeforeClose: inputs["days-before-close"],
        staleMessage: inputs["stale-message"],
        closeMessage: inputs["close-message"],
        closeReason: inputs["close-reason"],
      },
      dryRun: inputs["dry-run"],
      maxOperations: inputs["max-operations"],
      minRemaining: inputs["min-remaining"],
      now: deps.clock.now(),
    };
    const done = new Map<string, readonly Change[]>();
    const repos = await forEachRepository(
      inputs.repositories,
      deps.log,
      async (repo) => {
        const sweep = await sweepRepository(client, repo, settings);
        done.set(repo.fullName, sweep.done);
        return sweep.result;
      },
      CONCURRENCY,
    );
    const changes = inputs.repositories.map((repository) => ({
      repository,
      done: done.get(repository) ?? [],
    }));
    const refs = (kind: Change["kind"]) =>
      changes.flatMap((r) =>
        r.done.filter((c) => c.kind === kind).map((c) => `${r.repository}#${c.issue.number}`),
      );
    return {
      outputs: { marked: refs("mark"), unstaled: refs("unstale"), closed: refs("close") },
      repos,
      summary: changesSummary(changes, settings.dryRun, webLinks(webRoot(deps.env))),
    };
  },
});
