/**
 * Branch rules as GitHub's rulesets enforce them on a push: which change a rule refuses and
 * the line GitHub words each refusal with. Every way to move a branch (REST refs, the contents
 * API, GraphQL ref mutations, createCommitOnBranch) asks `refusal` first.
 */
import { isAncestor } from "./commit-graph.ts";
import type { SimRepo } from "./state.ts";

/**
 * The lines GitHub lists under "Repository rule violations found", one per broken rule. As
 * git's `GH013` push refusals and REST 422 bodies show them in public reports (e.g. "Cannot
 * create ref due to creations being restricted." on a restricted creation, "Cannot update
 * this protected ref." and "Cannot delete this protected ref." in 422 messages of
 * PATCH/DELETE git/refs, "Cannot force-push to this branch" for a non-fast-forward rule).
 */
export const RULE_LINES = {
  creation: "Cannot create ref due to creations being restricted.",
  update: "Cannot update this protected ref.",
  deletion: "Cannot delete this protected ref.",
  non_fast_forward: "Cannot force-push to this branch",
} as const;

/** GitHub's message for refused pushes: the heading, then each violation, blank-line separated. */
export function ruleViolationMessage(lines: readonly string[]): string {
  return `Repository rule violations found\n\n${lines.map((l) => `${l}\n\n`).join("")}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|\\]/g, "\\$&");
}

/**
 * Whether a branch name matches a ruleset pattern. Rulesets use fnmatch with
 * `File::FNM_PATHNAME`: `*` and `?` stop at `/`, `**` crosses it, `[...]` is a class.
 */
export function matchesPattern(pattern: string, branch: string): boolean {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close < 0) source += "\\[";
      else {
        source += `[${pattern.slice(i + 1, close).replace(/^!/, "^")}]`;
        i = close;
      }
    } else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`).test(branch);
}

/** A push to one branch: from its current head (null: creating it) to a commit (null: deleting it). */
export interface BranchPush {
  branch: string;
  from: string | null;
  to: string | null;
}

/**
 * The violation lines a push breaks, in the order of the rules, each line once; empty when it
 * may go ahead. A non-fast-forward rule applies to updates whose new commit does not descend
 * from the current head.
 */
export function ruleViolations(repo: SimRepo, push: BranchPush): string[] {
  const lines = new Set<string>();
  for (const rule of repo.rules) {
    if (!matchesPattern(rule.pattern, push.branch)) continue;
    if (push.from === null) {
      if (rule.creation) lines.add(RULE_LINES.creation);
    } else if (push.to === null) {
      if (rule.deletion) lines.add(RULE_LINES.deletion);
    } else {
      if (rule.update) lines.add(RULE_LINES.update);
      if (rule.non_fast_forward && !isAncestor(repo, push.from, push.to))
        lines.add(RULE_LINES.non_fast_forward);
    }
  }
  return [...lines];
}
