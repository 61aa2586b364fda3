import type { SimState, SimToken } from "../state.ts";

/** What a scenario holds, counted. */
export interface StateCounts {
  orgs: number;
  repositories: number;
  archived: number;
  issues: number;
  pullRequests: number;
  runs: number;
  boards: number;
  boardItems: number;
}

/** Counts the orgs, repositories, issues, runs and boards of a state. */
export function countState(state: SimState): StateCounts {
  const counts: StateCounts = {
    orgs: state.orgs.size,
    repositories: state.repos.size,
    archived: 0,
    issues: 0,
    pullRequests: 0,
    runs: 0,
    boards: state.projects.length,
    boardItems: state.projects.reduce((sum, p) => sum + p.items.length, 0),
  };
  for (const repo of state.repos.values()) {
    if (repo.archived) counts.archived++;
    for (const issue of repo.issues) {
      if (issue.is_pull_request) counts.pullRequests++;
      else counts.issues++;
    }
    counts.runs += repo.runs.size;
  }
  return counts;
}

function describeToken(token: SimToken): string {
  const scope = token.repositories === "*" ? "every repository" : token.repositories.join(", ");
  const permissions = Object.entries(token.permissions)
    .map(([name, level]) => `${name}:${level}`)
    .join(" ");
  return `${token.login} (${token.kind}; ${scope}; ${permissions}; ${token.hourlyLimit}/h): ${token.token}`;
}

/**
 * A few lines for a person starting `fleet sim`: what the scenario holds and the tokens
 * other than the admin one (whose secret is printed separately, as FLEET_SIM_TOKEN).
 */
export function describeState(state: SimState, name: string): string[] {
  const c = countState(state);
  const n = (value: number) => value.toLocaleString("en-US");
  const lines = [
    `scenario '${name}' at ${new Date(state.now).toISOString()} (seed ${state.seed}): ` +
      `${n(c.orgs)} orgs, ${n(c.repositories)} repositories (${n(c.archived)} archived), ` +
      `${n(c.issues)} issues, ${n(c.pullRequests)} pull requests, ${n(c.runs)} workflow runs, ` +
      `${n(c.boards)} boards with ${n(c.boardItems)} items`,
  ];
  const admin = state.tokens.get(state.adminToken);
  if (admin) lines.push(`FLEET_SIM_TOKEN is ${admin.login}: every permission on every repository`);
  const others = [...state.tokens.values()].filter((t) => t.token !== state.adminToken);
  if (others.length > 0) lines.push("other tokens:", ...others.map((t) => `  ${describeToken(t)}`));
  return lines;
}
