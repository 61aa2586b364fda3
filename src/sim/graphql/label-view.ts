import { getLabel, type SimRepo } from "../state.ts";
import type { View } from "./resolve-field.ts";
import { webLocation } from "./web.ts";

/** The repository label `name` (issues and events keep names; the repository keeps labels). */
export function labelView(repo: SimRepo, name: string): View {
  const label = getLabel(repo, name);
  // The model creates a repository label whenever an issue gets one and never deletes it.
  if (!label) throw new Error(`label '${name}' of ${repo.full_name} is missing from the state`);
  return {
    __typename: "Label",
    id: label.node_id,
    name: label.name,
    color: label.color,
    description: label.description,
    isDefault: label.default,
    createdAt: null,
    updatedAt: null,
    ...webLocation(`/${repo.full_name}/labels/${encodeURIComponent(label.name)}`),
  };
}
