import { tableCell as cell } from "../../core/markdown.ts";
import type { WebLinks } from "../../core/web-links.ts";
import type { Change } from "./plan.ts";

/** Rows listed per repository; the outputs list every issue. */
const MAX_ROWS = 200;

const verbs = {
  real: { mark: "marked stale", unstale: "un-staled", close: "closed" },
  dry: { mark: "would mark stale", unstale: "would un-stale", close: "would close" },
} as const;

/**
 * The job summary's part after the overview: per repository, a table of the issues changed
 * (or, in a dry run, that would be), each linked.
 */
export function changesSummary(
  repos: readonly { repository: string; done: readonly Change[] }[],
  dryRun: boolean,
  links: WebLinks,
): string {
  const words = dryRun ? verbs.dry : verbs.real;
  const sections = repos
    .filter((r) => r.done.length > 0)
    .map((r) => {
      const rows = r.done
        .slice(0, MAX_ROWS)
        .map(
          (c) =>
            `| [#${c.issue.number}](${links.issue(r.repository, c.issue.number)}) | ${words[c.kind]} | ${cell(c.issue.title)} |`,
        );
      const more = r.done.length - rows.length;
      return [
        `#### [${r.repository}](${links.repository(r.repository)})`,
        "",
        "| issue | change | title |",
        "| --- | --- | --- |",
        ...rows,
        ...(more > 0
          ? ["", `and ${more} more (the marked, unstaled and closed outputs list every issue)`]
          : []),
      ].join("\n");
    });
  return sections.length === 0 ? "" : ["### Issues", "", sections.join("\n\n")].join("\n");
}
