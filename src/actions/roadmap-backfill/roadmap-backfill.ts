import { defineAction } from "../../core/action.ts";
import { forEachRepository } from "../../core/fan-out.ts";
import { webLinks, webRoot, type WebLinks } from "../../core/web-links.ts";
import { backfillRepository } from "./backfill-repository.ts";
import type { Board } from "./board-check.ts";
import { projectOwner, schema } from "./inputs.ts";
import type { OpenIssue } from "./plan.ts";
import { BOARD_PERMISSION, resolveBoard } from "./resolve-board.ts";

/**
 * Repositories backfilled at once. Their listings overlap; every GraphQL request still starts
 * at the client's pace (plugin-throttling spaces GraphQL requests like writes).
 */
const CONCURRENCY = 4;

function boardLine(board: Board, dryRun: boolean, links: WebLinks): string {
  return `${dryRun ? "Orphans would go" : "Orphans go"} to [${board.title}](${links.board(board.owner, board.number)}) (board #${board.number} of ${board.owner}) with ${board.field.name} '${board.option.name}'.`;
}

/** roadmap-backfill: put open issues that are on no ProjectsV2 board onto the org's board. */
export const action = defineAction({
  name: "roadmap-backfill",
  title: "Roadmap backfill",
  schema,
  async run(inputs, deps) {
    const client = deps.makeClient(inputs.token, inputs["api-url"]);
    const dryRun = inputs["dry-run"];
    const links = webLinks(webRoot(deps.env));
    const board = await resolveBoard(
      client,
      {
        owner: projectOwner(inputs),
        number: inputs["project-number"],
        statusField: inputs["status-field"],
        statusValue: inputs["status-value"],
      },
      { needWrite: !dryRun, links },
    );
    if (dryRun && !board.writable)
      deps.log.warning(
        `the token can read board #${board.number} '${board.title}' but may not add items to it, so a real run would fail; ${BOARD_PERMISSION}`,
      );
    const added = new Map<string, readonly OpenIssue[]>();
    const repos = await forEachRepository(
      inputs.repositories,
      deps.log,
      async (repo) => {
        const r = await backfillRepository(client, board, repo, {
          dryRun,
          maxAdds: inputs["max-adds"],
          minRemaining: inputs["min-remaining"],
          links,
        });
        added.set(repo.fullName, r.added);
        return r.result;
      },
      CONCURRENCY,
    );
    const count = (name: string) =>
      repos.reduce((sum, r) => sum + Number(r.counts?.[name] ?? 0), 0);
    return {
      outputs: {
        added: inputs.repositories.flatMap((r) => (added.get(r) ?? []).map((i) => i.url)),
        orphans: count("orphans"),
        left: repos.reduce((sum, r) => sum + r.left, 0),
      },
      repos,
      summary: boardLine(board, dryRun, links),
    };
  },
});
