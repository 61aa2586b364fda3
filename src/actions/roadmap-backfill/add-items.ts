import type { GraphqlAnswer } from "../../core/graphql-call.ts";
import type { OpenIssue } from "./plan.ts";

/**
 * One request adding a batch of issues, one aliased mutation each (`a0`, `a1`, ...); GitHub
 * runs them in order and answers each on its own. Each answer carries the item's value of the
 * Status field: an item just created has none.
 */
export function addDocument(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$c${i}: ID!`).join(", ");
  const adds = Array.from(
    { length: count },
    (_, i) =>
      `  a${i}: addProjectV2ItemById(input: {projectId: $project, contentId: $c${i}}) {\n` +
      `    item { id fieldValueByName(name: $field) { __typename } }\n  }`,
  ).join("\n");
  return `mutation AddToBoard($project: ID!, $field: String!, ${vars}) {\n${adds}\n}`;
}

/** The variables of `addDocument` for a batch. */
export function addVariables(
  batch: readonly OpenIssue[],
  board: { id: string; field: { name: string } },
): Record<string, unknown> {
  const vars: Record<string, unknown> = { project: board.id, field: board.field.name };
  batch.forEach((issue, i) => (vars[`c${i}`] = issue.id));
  return vars;
}

/** What became of one issue the run tried to add. */
export type AddOutcome =
  | { issue: OpenIssue; kind: "added"; itemId: string }
  /** Someone else put it on the board since it was listed: it is tracked, and left alone. */
  | { issue: OpenIssue; kind: "raced" }
  | { issue: OpenIssue; kind: "failed"; error: string };

/** The data of an answer to `addDocument`, by alias. */
export type AddData = Record<
  string,
  { item: { id: string; fieldValueByName: { __typename: string } | null } | null } | null
>;

const alreadyExists = /content already exists in this project/i;

/**
 * Reads the answer to `addDocument`. An addition answered with "Content already exists in this
 * project", or with an item that already has a Status value, means another writer got there
 * first: counted as raced, and its Status is not touched. An item without a value is ours.
 */
export function readAddAnswer(
  batch: readonly OpenIssue[],
  answer: GraphqlAnswer<AddData>,
): AddOutcome[] {
  const unplaced = answer.errors.filter((e) => !e.path || e.path.length === 0);
  return batch.map((issue, i): AddOutcome => {
    const alias = `a${i}`;
    const errors = answer.errors.filter((e) => e.path?.[0] === alias);
    if (errors.some((e) => alreadyExists.test(e.message))) return { issue, kind: "raced" };
    const item = answer.data?.[alias]?.item;
    if (errors.length === 0 && item) {
      return item.fieldValueByName === null
        ? { issue, kind: "added", itemId: item.id }
        : { issue, kind: "raced" };
    }
    const why = [...errors, ...unplaced].map((e) => e.message).join("; ");
    return {
      issue,
      kind: "failed",
      error: `adding #${issue.number} to the board: ${why || "GitHub answered without the item"}`,
    };
  });
}
