import { describe, expect, it } from "vitest";
import { gql, parts, testWorld, TOKENS } from "./graphql-world.fixture.ts";

const BOARD = `query Board($org: String!, $number: Int!, $field: String!) {
  organization(login: $org) {
    projectV2(number: $number) {
      id number title closed
      field(name: $field) {
        __typename
        ... on ProjectV2SingleSelectField { id name dataType options { id name } }
        ... on ProjectV2Field { id name dataType }
      }
    }
  }
}`;

describe("board resolution", () => {
  it("resolves owner + number to the board, its Status field and option ids", async () => {
    const world = testWorld();
    const r = await gql(world, BOARD, { variables: { org: "acme", number: 7, field: "Status" } });
    const status = world.roadmap.fields[0]!;
    expect(parts(r)).toEqual({
      data: {
        organization: {
          projectV2: {
            id: world.roadmap.id,
            number: 7,
            title: "Roadmap",
            closed: false,
            field: {
              __typename: "ProjectV2SingleSelectField",
              id: status.id,
              name: "Status",
              dataType: "SINGLE_SELECT",
              options: status.options.map(({ id, name }) => ({ id, name })),
            },
          },
        },
      },
    });
    expect(status.options.map((o) => o.name)).toEqual(["Todo", "In progress", "QA", "Done"]);
  });

  it("answers a built-in field as ProjectV2Field and an unknown field as null", async () => {
    const world = testWorld();
    const title = await gql(world, BOARD, {
      variables: { org: "acme", number: 7, field: "Title" },
    });
    expect(parts(title).data).toMatchObject({
      organization: { projectV2: { field: { __typename: "ProjectV2Field", dataType: "TITLE" } } },
    });
    const none = await gql(world, BOARD, {
      variables: { org: "acme", number: 7, field: "Priority" },
    });
    expect(parts(none)).toEqual({
      data: { organization: { projectV2: expect.objectContaining({ field: null }) } },
    });
  });

  it("lists the fields in GitHub's order with the custom ones after Assignees", async () => {
    const r = await gql(
      testWorld(),
      `{ organization(login: "acme") { projectV2(number: 7) {
           fields(first: 3) { totalCount pageInfo { hasNextPage }
             nodes { ... on ProjectV2FieldCommon { name dataType } } } } } }`,
    );
    expect(parts(r).data).toEqual({
      organization: {
        projectV2: {
          fields: {
            totalCount: 10,
            pageInfo: { hasNextPage: true },
            nodes: [
              { name: "Title", dataType: "TITLE" },
              { name: "Assignees", dataType: "ASSIGNEES" },
              { name: "Status", dataType: "SINGLE_SELECT" },
            ],
          },
        },
      },
    });
  });

  it("answers NOT_FOUND for an unknown board and an unknown organisation, with GitHub's words", async () => {
    const world = testWorld();
    const board = await gql(world, BOARD, {
      variables: { org: "acme", number: 99, field: "Status" },
    });
    expect(parts(board)).toEqual({
      data: { organization: { projectV2: null } },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["organization", "projectV2"],
          locations: [{ line: 3, column: 5 }],
          message: "Could not resolve to a ProjectV2 with the number 99.",
        },
      ],
    });
    const org = await gql(world, BOARD, { variables: { org: "nope", number: 7, field: "Status" } });
    expect(parts(org)).toEqual({
      data: { organization: null },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["organization"],
          locations: [{ line: 2, column: 3 }],
          message: "Could not resolve to an Organization with the login of 'nope'.",
        },
      ],
    });
  });

  it("is FORBIDDEN to a GITHUB_TOKEN and to an app without organization projects", async () => {
    const world = testWorld();
    for (const token of [TOKENS.workflow, TOKENS.noProjects]) {
      const r = await gql(world, BOARD, {
        token,
        variables: { org: "acme", number: 7, field: "Status" },
      });
      expect(parts(r)).toEqual({
        data: { organization: { projectV2: null } },
        errors: [
          expect.objectContaining({
            type: "FORBIDDEN",
            path: ["organization", "projectV2"],
            message: "Resource not accessible by integration",
          }),
        ],
      });
    }
    const reader = await gql(world, BOARD, {
      token: TOKENS.reader,
      variables: { org: "acme", number: 7, field: "Status" },
    });
    expect(parts(reader).errors).toBeUndefined();
  });
});

describe("board items", () => {
  const ITEMS = `query Items($after: String) {
    organization(login: "acme") { projectV2(number: 7) { items(first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id isArchived type
        content { ... on Issue { id number repository { nameWithOwner } } }
        status: fieldValueByName(name: "Status") {
          ... on ProjectV2ItemFieldSingleSelectValue { name optionId } }
        title: fieldValueByName(name: "Title") { ... on ProjectV2ItemFieldTextValue { text } } } } } } }`;

  interface ItemsPage {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Record<string, unknown>[];
  }
  const itemsOf = (data: unknown) =>
    (data as { organization: { projectV2: { items: ItemsPage } } }).organization.projectV2.items;

  it("pages through items with cursors and shows content and field values", async () => {
    const world = testWorld();
    const page1 = itemsOf(parts(await gql(world, ITEMS)).data);
    expect(page1.totalCount).toBe(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.nodes).toEqual([
      {
        id: world.roadmap.items[0]!.id,
        isArchived: false,
        type: "ISSUE",
        content: {
          id: world.issues.onRoadmap.node_id,
          number: 2,
          repository: { nameWithOwner: "acme/api" },
        },
        status: { name: "Todo", optionId: world.roadmap.fields[0]!.options[0]!.id },
        title: { text: "Dark mode" },
      },
    ]);
    const page2 = itemsOf(
      parts(await gql(world, ITEMS, { variables: { after: page1.pageInfo.endCursor } })).data,
    );
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.nodes[0]).toMatchObject({
      content: { number: 1, repository: { nameWithOwner: "acme/secret" } },
      status: null,
    });
  });

  it("redacts content in a repository the token cannot see", async () => {
    const world = testWorld();
    const r = parts(
      await gql(
        world,
        `{ organization(login: "acme") { projectV2(number: 7) {
        items(last: 1) { nodes { type content { __typename } } } } } }`,
        { token: TOKENS.scoped },
      ),
    );
    expect(r).toEqual({
      data: {
        organization: { projectV2: { items: { nodes: [{ type: "REDACTED", content: null }] } } },
      },
    });
  });

  it("rejects a cursor it did not make", async () => {
    const r = await gql(testWorld(), ITEMS, { variables: { after: "bm90LWEtY3Vyc29y" } });
    expect(parts(r).errors?.[0]).toMatchObject({
      type: "INVALID_CURSOR_ARGUMENTS",
      message: "`bm90LWEtY3Vyc29y` does not appear to be a valid cursor.",
    });
  });

  it("finds boards, items and fields by node id", async () => {
    const world = testWorld();
    const r = await gql(world, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, {
      variables: {
        ids: [world.roadmap.id, world.roadmap.items[0]!.id, world.roadmap.fields[0]!.id],
      },
    });
    expect(parts(r).data).toEqual({
      nodes: [
        { __typename: "ProjectV2", id: world.roadmap.id },
        { __typename: "ProjectV2Item", id: world.roadmap.items[0]!.id },
        { __typename: "ProjectV2SingleSelectField", id: world.roadmap.fields[0]!.id },
      ],
    });
  });

  it("lists the organisation's boards by number, newest first by default", async () => {
    const r = await gql(
      testWorld(),
      `{ organization(login: "acme") { projectsV2(first: 10) { totalCount nodes { number title } } } }`,
    );
    expect(parts(r).data).toEqual({
      organization: {
        projectsV2: {
          totalCount: 2,
          nodes: [
            { number: 8, title: "Other" },
            { number: 7, title: "Roadmap" },
          ],
        },
      },
    });
  });
});
