/**
 * Assigning people to issues and pull requests, with the `assigned`/`unassigned` timeline
 * events GitHub records for each change.
 */
import { addIssueEvent, type SimIssue, type SimState } from "./state.ts";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Adds the logins not yet assigned, in order; returns whether anything changed. */
export function addAssignees(
  state: SimState,
  issue: SimIssue,
  logins: readonly string[],
  actor: string,
  at: string,
): boolean {
  let changed = false;
  for (const login of logins) {
    if (issue.assignees.some((a) => same(a, login))) continue;
    issue.assignees.push(login);
    addIssueEvent(state, issue, { event: "assigned", actor, created_at: at, assignee: login });
    changed = true;
  }
  return changed;
}

/** Makes exactly `logins` the assignees, unassigning the others first. */
export function setAssignees(
  state: SimState,
  issue: SimIssue,
  logins: readonly string[],
  actor: string,
  at: string,
): void {
  for (const current of [...issue.assignees]) {
    if (logins.some((l) => same(l, current))) continue;
    issue.assignees = issue.assignees.filter((a) => a !== current);
    addIssueEvent(state, issue, { event: "unassigned", actor, created_at: at, assignee: current });
  }
  addAssignees(state, issue, logins, actor, at);
}
