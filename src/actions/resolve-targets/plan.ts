import { closest } from "../../core/closest.ts";
import { compileFilter, filterTargets } from "../../core/filter.ts";
import { checkFilterVocabulary } from "../../core/filter-vocabulary.ts";
import { buildMatrix, type Matrix } from "../../core/matrix.ts";
import type { Registry, Target } from "../../core/registry.ts";

/** What resolve-targets was asked for, past input parsing. */
export interface SelectionRequest {
  filter: string;
  /** `name` or `owner/name`; empty or undefined for every selected target. */
  repository?: string;
  maxJobs: number;
}

/** The targets a run selected and the matrix that fans out over them. */
export interface Selection {
  /** The filter as evaluated (without `${{ }}`). */
  filter: string;
  /** How many targets the registry lists. */
  registered: number;
  /** How many the filter selected, before the `repository` input narrowed them to one. */
  filtered: number;
  targets: Target[];
  matrix: Matrix;
}

/** The `repository` input names no selected target. */
export class SelectionError extends Error {
  override readonly name = "SelectionError";
}

const matchesWanted = (wanted: string) => {
  const lower = wanted.toLowerCase();
  return wanted.includes("/")
    ? (t: Target) => t.repository.toLowerCase() === lower
    : (t: Target) => t.name.toLowerCase() === lower;
};

/** The one target `wanted` names among `selected`, or an error that says why there is none. */
function pickOne(
  wanted: string,
  selected: readonly Target[],
  all: readonly Target[],
  filter: string,
): Target {
  const matches = selected.filter(matchesWanted(wanted));
  if (matches.length === 1) return matches[0]!;
  const found = `Input 'repository': found '${wanted}'`;
  if (matches.length > 1) {
    throw new SelectionError(
      `${found}, which names ${matches.map((t) => t.repository).join(" and ")}; allowed one target: give it as owner/name`,
    );
  }
  const registered = all.find(matchesWanted(wanted));
  if (registered) {
    throw new SelectionError(
      `${found}, which is registered (kind ${registered.kind}) but not selected by the filter "${filter}"; allowed a target the filter selects`,
    );
  }
  const candidates = wanted.includes("/")
    ? selected.map((t) => t.repository)
    : selected.map((t) => t.name);
  const near = closest(wanted, candidates, 5);
  const hint =
    near.length > 0
      ? `closest: ${near.join(", ")}`
      : `no selected target has a similar name (${selected.length} selected)`;
  throw new SelectionError(`${found}, allowed a target the filter selects; ${hint}`);
}

/**
 * Selects targets from a registry (filter, then the one `repository` if given) and builds
 * the fan-out matrix. Pure: the registry is already loaded.
 */
export function planSelection(registry: Registry, request: SelectionRequest): Selection {
  const filter = compileFilter(request.filter);
  checkFilterVocabulary(filter, registry);
  const selected = filterTargets(registry.targets, filter);
  const wanted = request.repository?.trim() ?? "";
  const targets =
    wanted === "" ? selected : [pickOne(wanted, selected, registry.targets, filter.expression)];
  return {
    filter: filter.expression,
    registered: registry.targets.length,
    filtered: selected.length,
    targets,
    matrix: buildMatrix(targets, request.maxJobs),
  };
}
