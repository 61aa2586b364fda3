import { describe, expect, it } from "vitest";
import { addProjectItem, iso } from "../state.ts";
import { gql, parts, testWorld, TOKENS, type TestWorld } from "./graphql-world.fixture.ts";

const ADD = `mutation Add($project: ID!, $content: ID!) {
  addProjectV2ItemById(input: {projectId: $project, contentId: $content}) { item { id } }
}`;

function statusOf(world: TestWorld, itemId: string): string | undefined {
  const item = world.roadmap.items.find((i) => i.id === itemId);
  const field = world.roadmap.fields[0]!;
  return field.options.find((o) => o.id === item?.fieldValues[field.id])?.name;
}

describe("addProjectV2ItemById and updateProjectV2ItemFieldValue", () => {
  it("runs aliased additions in one request; a failing one has its own error and path", async () => {
    const world = testWorld();
    const { orphan, bug } = world.issues;
    const r = await gql(
      world,
      `mutation Backfill($p: ID!, $a: ID!, $b: ID!) {
         a: addProjectV2ItemById(input: {projectId: $p, contentId: $a}) { item { id } }
         bad: addProjectV2ItemById(input: {projectId: $p, contentId: "I_nope"}) { item { id } }
         b: addProjectV2ItemById(input: {projectId: $p, contentId: $b}) { item { id } }
       }`,
      { variables: { p: world.roadmap.id, a: orphan.node_id, b: bug.node_id } },
    );
    expect(r).toMatchObject({ status: 200, mutating: true, operation: "Backfill" });
    const added = world.roadmap.items.slice(-2);
    expect(added.map((i) => i.contentNodeId)).toEqual([orphan.node_id, bug.node_id]);
    expect(parts(r)).toEqual({
      data: { a: { item: { id: added[0]!.id } }, bad: null, b: { item: { id: added[1]!.id } } },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["bad"],
          locations: [{ line: 3, column: 10 }],
          message: "Could not resolve to a node with the global id of 'I_nope'",
        },
      ],
    });

    const status = world.roadmap.fields[0]!;
    const [todo, qa] = [status.options[0]!, status.options[2]!];
    const update = await gql(
      world,
      `mutation Status($p: ID!, $f: ID!, $i1: ID!, $i2: ID!, $o1: String!, $o2: String!) {
         s1: updateProjectV2ItemFieldValue(input: {projectId: $p, itemId: $i1, fieldId: $f,
               value: {singleSelectOptionId: $o1}}) { projectV2Item { id } }
         s2: updateProjectV2ItemFieldValue(input: {projectId: $p, itemId: $i2, fieldId: $f,
               value: {singleSelectOptionId: $o2}}) { projectV2Item { id
                 fieldValueByName(name: "Status") { ... on ProjectV2ItemFieldSingleSelectValue { name } } } }
       }`,
      {
        variables: {
          p: world.roadmap.id,
          f: status.id,
          i1: added[0]!.id,
          i2: added[1]!.id,
          o1: todo.id,
          o2: qa.id,
        },
      },
    );
    expect(parts(update)).toEqual({
      data: {
        s1: { projectV2Item: { id: added[0]!.id } },
        s2: { projectV2Item: { id: added[1]!.id, fieldValueByName: { name: "QA" } } },
      },
    });
    expect([statusOf(world, added[0]!.id), statusOf(world, added[1]!.id)]).toEqual(["Todo", "QA"]);
  });

  it("resolves aliased mutations in document order", async () => {
    const world = testWorld();
    const item = world.roadmap.items[0]!;
    const r = await gql(
      world,
      `mutation($p: ID!, $i: ID!) {
         first: archiveProjectV2Item(input: {projectId: $p, itemId: $i}) { item { isArchived } }
         second: unarchiveProjectV2Item(input: {projectId: $p, itemId: $i}) { item { isArchived } }
       }`,
      { variables: { p: world.roadmap.id, i: item.id } },
    );
    expect(parts(r).data).toEqual({
      first: { item: { isArchived: true } },
      second: { item: { isArchived: false } },
    });
    expect(item.archived).toBe(false);
  });

  it("answers an addition of content already on the board with the existing item", async () => {
    const world = testWorld();
    const existing = world.roadmap.items[0]!;
    const before = world.roadmap.items.length;
    const r = await gql(world, ADD, {
      variables: { project: world.roadmap.id, content: world.issues.onRoadmap.node_id },
    });
    expect(parts(r)).toEqual({ data: { addProjectV2ItemById: { item: { id: existing.id } } } });
    expect(world.roadmap.items).toHaveLength(before);
    expect(statusOf(world, existing.id)).toBe("Todo");
  });

  it("answers 'Content already exists in this project' while another writer's item is brand new", async () => {
    const world = testWorld();
    const content = world.issues.orphan.node_id;
    const racing = addProjectItem(world.state, world.roadmap, content, iso(world.clock.now()));
    const raced = await gql(world, ADD, { variables: { project: world.roadmap.id, content } });
    expect(parts(raced)).toEqual({
      data: { addProjectV2ItemById: null },
      errors: [
        expect.objectContaining({
          type: "UNPROCESSABLE",
          path: ["addProjectV2ItemById"],
          message: "Content already exists in this project",
        }),
      ],
    });
    world.clock.advance(1000);
    const later = await gql(world, ADD, { variables: { project: world.roadmap.id, content } });
    expect(parts(later)).toEqual({ data: { addProjectV2ItemById: { item: { id: racing.id } } } });
  });

  it("gives both answers in one request that adds the same content twice", async () => {
    const world = testWorld();
    const r = await gql(
      world,
      `mutation($p: ID!, $c: ID!) {
         one: addProjectV2ItemById(input: {projectId: $p, contentId: $c}) { item { id } }
         two: addProjectV2ItemById(input: {projectId: $p, contentId: $c}) { item { id } }
       }`,
      { variables: { p: world.roadmap.id, c: world.issues.orphan.node_id } },
    );
    const { data, errors } = parts(r);
    expect(data).toEqual({ one: { item: { id: world.roadmap.items.at(-1)!.id } }, two: null });
    expect(errors?.map((e) => [e.path, e.message])).toEqual([
      [["two"], "Content already exists in this project"],
    ]);
  });

  it("refuses to add an archived repository's issue", async () => {
    const world = testWorld();
    const r = await gql(world, ADD, {
      variables: { project: world.roadmap.id, content: world.archivedRepoIssue.node_id },
    });
    expect(parts(r).errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      message: "Repository was archived so is read-only.",
    });
    expect(
      world.roadmap.items.some((i) => i.contentNodeId === world.archivedRepoIssue.node_id),
    ).toBe(false);
  });

  it("is FORBIDDEN without organization projects write, and writes nothing", async () => {
    const world = testWorld();
    const before = world.roadmap.items.length;
    for (const token of [TOKENS.workflow, TOKENS.reader, TOKENS.noProjects]) {
      const r = await gql(world, ADD, {
        token,
        variables: { project: world.roadmap.id, content: world.issues.orphan.node_id },
      });
      expect(parts(r).errors?.[0]).toMatchObject({
        type: "FORBIDDEN",
        path: ["addProjectV2ItemById"],
        message: "Resource not accessible by integration",
      });
    }
    expect(world.roadmap.items).toHaveLength(before);
  });

  it("rejects a Status update with an option of no such field, a built-in field or a foreign item", async () => {
    const world = testWorld();
    const item = world.roadmap.items[0]!;
    const foreign = world.other.items[0]!;
    const update = (itemId: string, fieldId: string, value: Record<string, unknown>) =>
      gql(
        world,
        `mutation($p: ID!, $i: ID!, $f: ID!, $v: ProjectV2FieldValue!) {
           updateProjectV2ItemFieldValue(input: {projectId: $p, itemId: $i, fieldId: $f, value: $v}) {
             projectV2Item { id } } }`,
        { variables: { p: world.roadmap.id, i: itemId, f: fieldId, v: value } },
      ).then((r) => parts(r).errors?.[0]);
    const status = world.roadmap.fields[0]!;
    expect(
      await update(item.id, status.id, {
        singleSelectOptionId: world.other.fields[0]!.options[0]!.id,
      }),
    ).toMatchObject({
      type: "UNPROCESSABLE",
      message: expect.stringContaining("does not belong to the field 'Status'"),
    });
    expect(await update(item.id, status.id, { text: "Todo" })).toMatchObject({
      type: "UNPROCESSABLE",
      message: "A single select field takes exactly one value, `singleSelectOptionId`; got text.",
    });
    const titleField = await gql(
      world,
      `{ organization(login: "acme") { projectV2(number: 7) { field(name: "Title") { ... on ProjectV2Field { id } } } } }`,
    );
    const titleId = (
      parts(titleField).data as { organization: { projectV2: { field: { id: string } } } }
    ).organization.projectV2.field.id;
    expect(await update(item.id, titleId, { text: "x" })).toMatchObject({ type: "UNPROCESSABLE" });
    expect(
      await update(foreign.id, status.id, { singleSelectOptionId: status.options[1]!.id }),
    ).toMatchObject({
      type: "NOT_FOUND",
      message: `Could not resolve to a node with the global id of '${foreign.id}'`,
    });
    expect(statusOf(world, item.id)).toBe("Todo");
  });

  it("keeps counting an archived item as tracked", async () => {
    const world = testWorld();
    const item = world.roadmap.items[0]!;
    await gql(
      world,
      `mutation($p: ID!, $i: ID!) { archiveProjectV2Item(input: {projectId: $p, itemId: $i}) { item { id } } }`,
      { variables: { p: world.roadmap.id, i: item.id } },
    );
    const r = await gql(
      world,
      `query($id: ID!) { node(id: $id) { ... on Issue { projectItems(first: 1) { totalCount nodes { isArchived } } } } }`,
      { variables: { id: world.issues.onRoadmap.node_id } },
    );
    expect(parts(r).data).toEqual({
      node: { projectItems: { totalCount: 1, nodes: [{ isArchived: true }] } },
    });
  });
});
