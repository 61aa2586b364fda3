import { defineRepoAction, type RunContext } from "../../core/repo-action.ts";
import type { Board } from "./board-check.ts";
import { boardWriter, readRepository } from "./github.ts";
import { projectOwner, schema } from "./inputs.ts";
import { addedItems, boardLine, errorLine, wording } from "./messages.ts";
import { planRepository } from "./plan.ts";
import { BOARD_PERMISSION, resolveBoard } from "./resolve-board.ts";

/**
 * Repositories backfilled at once. Their listings overlap; every GraphQL request still starts
 * at the client's pace (plugin-throttling spaces GraphQL requests like writes).
 */
const CONCURRENCY = 4;

/** What every repository's backfill shares: the board, resolved once. */
interface BackfillContext extends RunContext {
  board: Board;
}

/** roadmap-backfill: put open issues that are on no ProjectsV2 board onto the org's board. */
export const action = defineRepoAction({
  name: "roadmap-backfill",
  title: "Roadmap backfill",
  schema,
  concurrency: CONCURRENCY,
  capInput: "max-adds",
  async setup(inputs, deps, base): Promise<BackfillContext> {
    const board = await resolveBoard(
      base.client,
      {
        owner: projectOwner(inputs),
        number: inputs["project-number"],
        statusField: inputs["status-field"],
        statusValue: inputs["status-value"],
      },
      { needWrite: !base.dryRun, links: base.links },
    );
    if (base.dryRun && !board.writable)
      deps.log.warning(
        `the token can read board #${board.number} '${board.title}' but may not add items to it, so a real run would fail; ${BOARD_PERMISSION}`,
      );
    return { ...base, resource: "graphql", board };
  },
  read: (repo, context) => readRepository(context.client, repo, context.board),
  plan(issues) {
    const plan = planRepository(issues);
    return { ...plan, changes: [...plan.repairs, ...plan.orphans] };
  },
  writer: (_repo, _plan, context) => boardWriter(context.client, context.board),
  wording,
  dryRunColumns: { added: "would add" },
  row: ({ repo, plan, report, writer }, context) => ({
    counts: {
      listed: plan.listed,
      tracked: plan.tracked,
      orphans: plan.orphans.length,
      added: report.done.length,
      raced: writer.raced.length,
    },
    items: addedItems(repo, report.done, writer.raced, context.dryRun, context.links),
    error: errorLine(report, writer.unset),
  }),
  finish(runs, rows, context) {
    const count = (name: string) => rows.reduce((sum, r) => sum + Number(r.counts?.[name] ?? 0), 0);
    return {
      outputs: {
        added: [...runs.values()].flatMap((r) => r.report.done.map((i) => i.url)),
        orphans: count("orphans"),
        left: rows.reduce((sum, r) => sum + r.left, 0),
      },
      summary: boardLine(context.board, context.dryRun, context.links),
    };
  },
});
