import { z } from "zod";
import type { BatchOutcome } from "./apply.ts";
import type { FleetClient } from "./client.ts";
import { defineRepoAction, type FinishResult } from "./repo-action.ts";
import { repoActionInputs } from "./repo-action-inputs.ts";
import type { RepoRef } from "./repository.ts";

/**
 * A repository action reduced to what a test of core's pipeline needs: the changes each
 * repository plans, how one is applied, and what finish does.
 */
export function toyAction<Change>(o: {
  concurrency: number;
  changes(repo: RepoRef): Change[];
  apply(change: Change, repo: RepoRef, client: FleetClient): Promise<BatchOutcome>;
  finish(): FinishResult;
}) {
  return defineRepoAction({
    name: "toy",
    title: "Toy",
    schema: z.object(repoActionInputs()),
    concurrency: o.concurrency,
    setup: (_inputs, _deps, base) => base,
    read: async () => ({}),
    plan: (_snapshot, _context, repo) => ({ changes: o.changes(repo) }),
    writer: (repo, _plan, context) => ({
      describe: (change: Change) => `change ${String(change)}`,
      apply: (change: Change) => o.apply(change, repo, context.client),
    }),
    row: () => ({}),
    finish: o.finish,
  });
}
