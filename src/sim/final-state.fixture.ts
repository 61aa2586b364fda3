import type { SimState } from "./state.ts";

/**
 * Text with the instants a run writes (a run's time in a body, a state file's timestamps)
 * replaced: two runs from one start write them a second apart.
 */
const withoutTimes = (text: string | null | undefined) =>
  text?.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, "<time>");

/**
 * What a run leaves behind, in a form two runs can be compared by: every repository's labels,
 * issues (state, labels, comments by author and body), default-branch files, and every board's
 * items with their field values. Ids and times (the ones the simulator stamps, and those a run
 * writes into a body or a file) are left out: they differ between two runs from the same start
 * and say nothing about whether a write was lost or made twice.
 */
export function finalState(state: SimState) {
  const issueNames = new Map<string, string>();
  for (const [id, ref] of state.issueNodes)
    issueNames.set(id, `${ref.repo.owner}/${ref.repo.name}#${ref.issue.number}`);
  const repos = [...state.repos.values()].map((repo) => ({
    repo: `${repo.owner}/${repo.name}`,
    labels: repo.labels.map((l) => l.name).sort(),
    issues: repo.issues.map((i) => ({
      number: i.number,
      title: i.title,
      body: withoutTimes(i.body),
      state: i.state,
      state_reason: i.state_reason,
      labels: [...i.labels].sort(),
      comments: i.comments.map((c) => `${c.user}: ${withoutTimes(c.body)}`),
    })),
    files: Object.fromEntries(
      [...(repo.branches.get(repo.default_branch)?.files ?? new Map())].map(([path, f]) => [
        path,
        withoutTimes(f.content),
      ]),
    ),
  }));
  const boards = state.projects.map((p) => ({
    board: `${p.owner}#${p.number}`,
    items: p.items.map((item) => ({
      content: issueNames.get(item.contentNodeId) ?? item.contentNodeId,
      archived: item.archived,
      fields: item.fieldValues,
    })),
  }));
  return { repos, boards };
}
