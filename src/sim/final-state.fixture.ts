import type { SimState } from "./state.ts";

/**
 * What a run leaves behind, in a form two runs can be compared by: every repository's labels,
 * issues (state, labels, comments by author and body), default-branch files, and every board's
 * items with their field values. Ids and times are left out: they differ between two runs from
 * the same start and say nothing about whether a write was lost or made twice.
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
      body: i.body,
      state: i.state,
      state_reason: i.state_reason,
      labels: [...i.labels].sort(),
      comments: i.comments.map((c) => `${c.user}: ${c.body}`),
    })),
    files: Object.fromEntries(
      [...(repo.branches.get(repo.default_branch)?.files ?? new Map())].map(([path, f]) => [
        path,
        f.content,
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
