import type { FleetClient } from "../../core/client.ts";
import { graphqlCall } from "../../core/graphql-call.ts";
import type { WebLinks } from "../../core/web-links.ts";
import { checkBoard, type Board, type BoardInfo, type BoardWanted } from "./board-check.ts";

/** The board, its fields and their options, in one request. GitHub allows 50 fields a board. */
export const BOARD_QUERY = `query RoadmapBoard($owner: String!, $number: Int!) {
  organization(login: $owner) {
    projectV2(number: $number) {
      id
      number
      title
      url
      closed
      viewerCanUpdate
      fields(first: 100) {
        nodes {
          ... on ProjectV2FieldCommon { id name dataType }
          ... on ProjectV2SingleSelectField { options { id name } }
        }
      }
    }
  }
}`;

interface Answer {
  organization: {
    projectV2: (Omit<BoardInfo, "fields"> & { fields: { nodes: BoardInfo["fields"] } }) | null;
  } | null;
}

/** What the token needs, said the same way wherever a board cannot be reached. */
export const BOARD_PERMISSION =
  "the token needs the organization permission Projects: read and write, which a GitHub App installation token (or a personal access token with the project scope) can have; GITHUB_TOKEN can never reach an organization's board";

/** The board cannot be used; nothing was done in any repository. */
export class BoardError extends Error {
  override readonly name = "BoardError";
}

/**
 * Resolves the board once per run: its id, the Status field's id and the option's id. Fails
 * with a BoardError saying which part is missing (owner, board, field, option, write access)
 * and what to change, before any repository is read.
 */
export async function resolveBoard(
  client: FleetClient,
  wanted: BoardWanted,
  options: { needWrite: boolean; links: WebLinks },
): Promise<Board> {
  const { owner, number } = wanted;
  const answer = await graphqlCall<Answer>(
    client,
    BOARD_QUERY,
    { owner, number },
    { doing: `reading board #${number} of ${owner}` },
  );
  const first = answer.errors[0];
  if (first?.type === "FORBIDDEN")
    throw new BoardError(
      `project-number ${number}: the token may not read the boards of ${owner} (${first.message}); ${BOARD_PERMISSION}`,
    );
  if (first !== undefined && first.path?.at(-1) === "organization")
    throw new BoardError(
      `project-owner '${owner}': ${first.message} Allowed: the login of an organization that owns the board (a user's board is not supported)`,
    );
  const info = answer.data?.organization?.projectV2;
  if (first !== undefined || !info)
    throw new BoardError(
      `project-number ${number}: ${first?.message ?? "no such board"} Check the number in the board's URL (${options.links.board(owner, number)}); if it is right, ${BOARD_PERMISSION}`,
    );
  const checked = checkBoard({ ...info, fields: info.fields.nodes }, wanted);
  if ("problem" in checked) throw new BoardError(checked.problem);
  if (options.needWrite && !checked.board.writable)
    throw new BoardError(
      `project-number ${number}: the token can read board #${number} '${info.title}' of ${owner} but may not add items to it; ${BOARD_PERMISSION}`,
    );
  return checked.board;
}
