import type { FleetClient } from "../src/core/client.ts";
import { parseRepo } from "../src/core/repository.ts";

const LIST = `query NaiveIssues($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 100, after: $after, states: [OPEN]) {
      pageInfo { hasNextPage endCursor }
      nodes { id projectItems(first: 10) { totalCount } }
    }
  }
}`;
const BOARD = `query NaiveBoard($owner: String!, $number: Int!) {
  organization(login: $owner) { projectV2(number: $number) { id } }
}`;
const FIELDS = `query NaiveFields($owner: String!, $number: Int!, $field: String!) {
  organization(login: $owner) {
    projectV2(number: $number) {
      id
      field(name: $field) { ... on ProjectV2SingleSelectField { id options { id name } } }
    }
  }
}`;
const ADD = `mutation NaiveAdd($project: ID!, $content: ID!) {
  addProjectV2ItemById(input: {projectId: $project, contentId: $content}) { item { id } }
}`;
const EDIT = `mutation NaiveEdit($project: ID!, $item: ID!, $field: ID!, $option: String!) {
  updateProjectV2ItemFieldValue(input: {projectId: $project, itemId: $item, fieldId: $field, value: {singleSelectOptionId: $option}}) {
    projectV2Item { id }
  }
}`;

interface Page {
  repository: {
    issues: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: { id: string; projectItems: { totalCount: number } }[];
    };
  };
}
interface Fields {
  organization: {
    projectV2: { id: string; field: { id: string; options: { id: string; name: string }[] } };
  };
}

/**
 * The bash + gh way, for comparison: per repository `gh issue list --json id,projectItems`
 * (GraphQL pages of 100), then per orphan `gh project item-add` (which resolves the board,
 * then adds) and `gh project field-list` + `gh project item-edit` (which resolve the board and
 * its fields again, then set the Status); one request at a time.
 */
export async function naiveBackfill(
  client: FleetClient,
  repositories: readonly string[],
  board: { owner: string; number: number; field: string; value: string },
): Promise<void> {
  const { owner, number } = board;
  for (const fullName of repositories) {
    const repo = parseRepo(fullName);
    const orphans: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await client.graphql<Page>(LIST, {
        owner: repo.owner,
        name: repo.repo,
        after,
      });
      const { nodes, pageInfo } = page.repository.issues;
      orphans.push(...nodes.filter((n) => n.projectItems.totalCount === 0).map((n) => n.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    for (const content of orphans) {
      const found = await client.graphql<{ organization: { projectV2: { id: string } } }>(BOARD, {
        owner,
        number,
      });
      const project = found.organization.projectV2.id;
      const added = await client.graphql<{ addProjectV2ItemById: { item: { id: string } } }>(ADD, {
        project,
        content,
      });
      const fields = await client.graphql<Fields>(FIELDS, { owner, number, field: board.field });
      const field = fields.organization.projectV2.field;
      await client.graphql(EDIT, {
        project,
        item: added.addProjectV2ItemById.item.id,
        field: field.id,
        option: field.options.find((o) => o.name === board.value)!.id,
      });
    }
  }
}
