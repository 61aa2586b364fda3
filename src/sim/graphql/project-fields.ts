import type { SimProject, SimProjectField } from "../state.ts";
import { derivedNodeId } from "./ids.ts";

/** A field every board has, whose values GitHub derives from the item's content. */
export interface BuiltInField {
  id: string;
  name: string;
  dataType: string;
}

/** A board's field: one of the model's single-select fields, or a built-in one. */
export type BoardField = { custom: SimProjectField } | { builtIn: BuiltInField };

/** The built-in fields of a new board, in GitHub's order; custom fields follow "Assignees". */
const BUILT_IN: [name: string, dataType: string][] = [
  ["Title", "TITLE"],
  ["Assignees", "ASSIGNEES"],
  ["Labels", "LABELS"],
  ["Linked pull requests", "LINKED_PULL_REQUESTS"],
  ["Milestone", "MILESTONE"],
  ["Repository", "REPOSITORY"],
  ["Reviewers", "REVIEWERS"],
  ["Parent issue", "PARENT_ISSUE"],
  ["Sub-issues progress", "SUB_ISSUES_PROGRESS"],
];

function builtIn(project: SimProject, index: number): BoardField {
  const [name, dataType] = BUILT_IN[index] as [string, string];
  const id = derivedNodeId("PVTF", `${project.databaseId}:${dataType}`);
  return { builtIn: { id, name, dataType } };
}

/** Every field of a board, in position order. */
export function boardFields(project: SimProject): BoardField[] {
  return [
    builtIn(project, 0),
    builtIn(project, 1),
    ...project.fields.map((custom) => ({ custom })),
    ...BUILT_IN.slice(2).map((_, i) => builtIn(project, i + 2)),
  ];
}

/** A field's node id and name. */
export function fieldIdentity(field: BoardField): { id: string; name: string } {
  return "custom" in field ? field.custom : field.builtIn;
}
