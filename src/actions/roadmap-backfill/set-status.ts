import type { GraphqlAnswer } from "../../core/graphql-call.ts";
import type { Board } from "./board-check.ts";

/** One request setting the Status of a batch of items, one aliased mutation each (`s0`, ...). */
export function statusDocument(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$i${i}: ID!`).join(", ");
  const updates = Array.from(
    { length: count },
    (_, i) =>
      `  s${i}: updateProjectV2ItemFieldValue(input: {projectId: $project, itemId: $i${i}, fieldId: $field, value: {singleSelectOptionId: $option}}) {\n` +
      `    projectV2Item { id }\n  }`,
  ).join("\n");
  return `mutation SetStatus($project: ID!, $field: ID!, $option: String!, ${vars}) {\n${updates}\n}`;
}

/** The variables of `statusDocument` for these items. */
export function statusVariables(itemIds: readonly string[], board: Board): Record<string, unknown> {
  const vars: Record<string, unknown> = {
    project: board.id,
    field: board.field.id,
    option: board.option.id,
  };
  itemIds.forEach((id, i) => (vars[`i${i}`] = id));
  return vars;
}

/** The data of an answer to `statusDocument`, by alias. */
export type StatusData = Record<string, { projectV2Item: { id: string } | null } | null>;

/** Per item (in the order given), undefined when its Status was set, else why not. */
export function readStatusAnswer(
  count: number,
  answer: GraphqlAnswer<StatusData>,
): (string | undefined)[] {
  const unplaced = answer.errors.filter((e) => !e.path || e.path.length === 0);
  return Array.from({ length: count }, (_, i) => {
    const alias = `s${i}`;
    const errors = answer.errors.filter((e) => e.path?.[0] === alias);
    if (errors.length === 0 && answer.data?.[alias]?.projectV2Item) return undefined;
    const why = [...errors, ...unplaced].map((e) => e.message).join("; ");
    return why || "GitHub answered without the item";
  });
}
