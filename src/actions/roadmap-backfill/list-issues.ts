import type { FleetClient } from "../../core/client.ts";
import { classifyError, type ApiError } from "../../core/errors.ts";
import { graphqlQuery } from "../../core/graphql-call.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { OpenIssue } from "./plan.ts";

/** GitHub's largest page. */
export const PAGE_SIZE = 100;

/**
 * Open issues (the `issues` connection never holds pull requests), oldest first, each with the
 * number of board items it has: `includeArchived` counts archived items, which still track it.
 * The first item comes with its board, its creator and its Status: an item fleet added (an
 * issue on no board gets its first item from fleet) and left without a Status when the run
 * was cut short is found, and finished, by the next run at no extra request.
 */
export const ISSUES_QUERY = `query OpenIssues($owner: String!, $name: String!, $after: String, $field: String!) {
  viewer { login }
  repository(owner: $owner, name: $name) {
    isArchived
    issues(first: ${PAGE_SIZE}, after: $after, states: [OPEN], orderBy: {field: CREATED_AT, direction: ASC}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        number
        title
        url
        projectItems(first: 1, includeArchived: true) {
          totalCount
          nodes { id isArchived project { id } creator { login } fieldValueByName(name: $field) { __typename } }
        }
      }
    }
  }
}`;

interface Answer {
  repository: {
    isArchived: boolean;
    issues: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        id: string;
        number: number;
        title: string;
        url: string;
        projectItems: { totalCount: number; nodes: (FirstItem | null)[] };
      }[];
    };
  } | null;
  viewer: { login: string };
}

interface FirstItem {
  id: string;
  isArchived: boolean;
  project: { id: string } | null;
  creator: { login: string } | null;
  fieldValueByName: { __typename: string } | null;
}

/** The id of the issue's item on `board` that this token added and no one gave a Status. */
function statuslessOwnItem(item: FirstItem | null | undefined, board: string, viewer: string) {
  if (!item || item.isArchived || item.project?.id !== board) return undefined;
  return item.creator?.login === viewer && item.fieldValueByName === null ? item.id : undefined;
}

/** What listing a repository found. */
export type Listing = { archived: true } | { archived: false; issues: OpenIssue[]; pages: number };

/**
 * Lists a repository's open issues with their board counts, page after page (a cursor cannot
 * be guessed, so pages are sequential). An archived repository stops after the first page. A
 * page that fails stops the listing with an error saying how far it got.
 */
export async function listOpenIssues(
  client: FleetClient,
  repo: RepoRef,
  board: { id: string; field: { name: string } },
): Promise<Listing> {
  const issues: OpenIssue[] = [];
  let after: string | null = null;
  let pages = 0;
  let total: number | undefined;
  for (;;) {
    let answer: Answer;
    try {
      answer = await graphqlQuery<Answer>(client, ISSUES_QUERY, {
        owner: repo.owner,
        name: repo.repo,
        after,
        field: board.field.name,
      });
    } catch (error) {
      const cause = classifyError(error);
      const progress =
        total === undefined
          ? "failed on its first page"
          : `stopped after ${pages} of ${Math.ceil(total / PAGE_SIZE)} pages (${Math.max(0, total - issues.length)} of ${total} open issues not listed)`;
      const hints: Partial<Record<ApiError["kind"], string>> = {
        forbidden:
          "; the token needs Issues: read on the repository and organization Projects: read",
        "not-found":
          " (it does not exist, or the token cannot see it: an App token reaches only the repositories it was minted for)",
      };
      const hint = hints[cause.kind] ?? "";
      throw cause.reworded(`listing open issues ${progress}: ${cause.message}${hint}`);
    }
    pages += 1;
    const repository = answer.repository!;
    if (repository.isArchived) return { archived: true };
    total = repository.issues.totalCount;
    for (const n of repository.issues.nodes) {
      const unset = statuslessOwnItem(n.projectItems.nodes[0], board.id, answer.viewer.login);
      issues.push({
        id: n.id,
        number: n.number,
        title: n.title,
        url: n.url,
        boards: n.projectItems.totalCount,
        ...(unset !== undefined && { statusless: unset }),
      });
    }
    const { hasNextPage, endCursor } = repository.issues.pageInfo;
    if (!hasNextPage || endCursor === null) return { archived: false, issues, pages };
    after = endCursor;
  }
}
