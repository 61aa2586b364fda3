import { defineAction } from "../../core/action.ts";
import { forEachRepository } from "../../core/fan-out.ts";
import { cleanupRepository } from "./cleanup-repo.ts";
import { planOptions } from "./options.ts";
import { schema } from "./schema.ts";

/** Repositories worked on at once; one token, one client, so they share its pacing. */
const REPO_CONCURRENCY = 3;

/** cleanup-runs: prune completed workflow runs by conclusion across repositories. */
export const action = defineAction({
  name: "cleanup-runs",
  title: "Cleanup runs",
  schema,
  run: async (inputs, deps) => {
    const options = planOptions(inputs, deps.clock.now());
    const client = deps.makeClient(inputs.token, inputs["api-url"]);
    const dryRun = inputs["dry-run"];
    const tables = new Map<string, string>();
    const repos = await forEachRepository(
      inputs.repositories,
      deps.log,
      async (repo) => {
        const r = await cleanupRepository(repo, {
          client,
          plan: options,
          dryRun,
          maxDeletes: inputs["max-deletes"],
          minRemaining: inputs["min-remaining"],
        });
        if (r.table) tables.set(repo.fullName, r.table);
        return r.result;
      },
      REPO_CONCURRENCY,
    );
    const ordered = inputs.repositories.flatMap((name) => tables.get(name) ?? []);
    return {
      outputs: {
        deleted: String(repos.reduce((n, r) => n + r.done, 0)),
        left: String(repos.reduce((n, r) => n + r.left, 0)),
      },
      repos,
      summary: ordered.join("\n\n"),
    };
  },
});
