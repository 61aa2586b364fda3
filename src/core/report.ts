import { repositoryPattern } from "./inputs.ts";
import { tableCell } from "./markdown.ts";
import { webLinks, webRoot } from "./web-links.ts";

/** How one repository's work ended. */
export type RepoStatus = "ok" | "capped" | "skipped" | "failed";

/** One repository's outcome: the row in the summary, the demo's table and the `result` output. */
export interface RepoResult {
  repository: string;
  status: RepoStatus;
  /** Changes the plan called for. */
  planned: number;
  /** Changes made (in a dry run: changes that would have been made). */
  done: number;
  /** Changes left for the next run (cap, budget floor, failure). */
  left: number;
  /** Action-specific counts, shown as extra columns and merged into `result`. */
  counts?: Record<string, number | string>;
  /** Lines under the repository's table, e.g. the issues touched, with links. */
  items?: { text: string; url?: string }[];
  error?: string;
  warnings?: string[];
  notice?: string;
}

/** What an action's `run()` returns. */
export interface ActionResult {
  /** Outputs by action.yml name; non-strings are written as JSON. */
  outputs: Record<string, unknown>;
  repos: RepoResult[];
  /** Markdown appended to the job summary after the per-repository tables. */
  summary?: string;
  /** Web root repository links point at, when not the runner's (a Gitea server). */
  serverUrl?: string;
  /** Headers of count columns, by count name, where not the name itself (a dry run's words). */
  columns?: Record<string, string>;
  /** What each row is, the first column's header: `repository` unless said. */
  rowHeader?: string;
}

/** The `result` output: one object per repository. */
export function resultJson(repos: readonly RepoResult[]): Record<string, unknown>[] {
  return repos.map((r) => ({
    repository: r.repository,
    status: r.status,
    planned: r.planned,
    done: r.done,
    left: r.left,
    ...r.counts,
    ...(r.error ? { error: r.error } : {}),
  }));
}

/**
 * The job summary in markdown: an overview table, then a section per repository. Repositories
 * link to `serverUrl` (the runner's `GITHUB_SERVER_URL`: GitHub, GHES or Gitea).
 */
export function renderSummary(
  title: string,
  result: ActionResult,
  dryRun: boolean,
  serverUrl = webRoot({}),
): string {
  const links = webLinks(result.serverUrl ?? serverUrl);
  const lines = [`## ${title}${dryRun ? " (dry run: nothing was changed)" : ""}`, ""];
  if (result.repos.length > 0) {
    const extra = [...new Set(result.repos.flatMap((r) => Object.keys(r.counts ?? {})))];
    const head = [
      result.rowHeader ?? "repository",
      "status",
      ...extra.map((k) => result.columns?.[k] ?? k),
      ...(dryRun ? ["would do", "would leave"] : ["done", "left"]),
    ];
    lines.push(`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`);
    for (const r of result.repos) {
      const cells = [
        // Rows of actions that are not about a repository (pin-promote's environments) get no link.
        repositoryPattern.test(r.repository)
          ? `[${r.repository}](${links.repository(r.repository)})`
          : r.repository,
        r.status,
        ...extra.map((k) => String(r.counts?.[k] ?? "")),
        String(r.done),
        String(r.left),
      ];
      lines.push(`| ${cells.map(tableCell).join(" | ")} |`);
    }
    lines.push("");
  }
  for (const r of result.repos) {
    const notes = [
      ...(r.error ? [`- :x: ${r.error}`] : []),
      ...(r.warnings ?? []).map((w) => `- :warning: ${w}`),
      ...(r.notice ? [`- ${r.notice}`] : []),
      ...(r.items ?? []).map((i) => `- ${i.url ? `[${i.text}](${i.url})` : i.text}`),
    ];
    if (notes.length > 0) lines.push(`### ${r.repository}`, "", ...notes, "");
  }
  if (result.summary) lines.push(result.summary, "");
  return lines.join("\n");
}
