import type { ApplyReport, ApplyWording } from "../../core/apply.ts";
import { tableCell as cell } from "../../core/markdown.ts";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import type { WebLinks } from "../../core/web-links.ts";
import type { Change, IssueSummary } from "./plan.ts";

/** The placeholders a message may use. */
const placeholders = ["days", "label"] as const;

/** What the placeholders stand for in one comment. */
export interface MessageValues {
  /** `days-before-close`: the countdown in the stale comment, the time it stayed stale in the close comment. */
  days: number;
  label: string;
}

/** GitHub refuses comment bodies longer than this. */
const MAX_COMMENT_LENGTH = 65536;
const placeholderPattern = /\{([A-Za-z_][A-Za-z0-9_-]*)\}/g;

/** Why a message template cannot be used, or undefined when it can. */
export function messageProblem(template: string): string | undefined {
  const unknown = [...template.matchAll(placeholderPattern)]
    .map((m) => m[1]!)
    .filter((name) => !(placeholders as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return `unknown placeholder ${unknown.map((n) => `{${n}}`).join(", ")}; allowed ${placeholders.map((n) => `{${n}}`).join(", ")}`;
  }
  const longest = render(template, { days: 99999, label: "x".repeat(50) }, markers.stale);
  if (longest.length > MAX_COMMENT_LENGTH) {
    return `too long for a GitHub comment (at most ${MAX_COMMENT_LENGTH} characters with placeholders filled in)`;
  }
  return undefined;
}

/** The comment body: the template with its placeholders filled in, then the hidden marker. */
export function render(template: string, values: MessageValues, marker: string): string {
  const text = template.replace(placeholderPattern, (whole, name: string) =>
    name === "days" ? String(values.days) : name === "label" ? values.label : whole,
  );
  return `${text}\n\n${marker}`;
}

/** How a change is named in messages. */
export function describeChange(change: Change): string {
  const verb = { mark: "marking", unstale: "un-staling", close: "closing" }[change.kind];
  return `${verb} #${change.issue.number}`;
}

/** The cap's warning counts issues; the rest is core's wording. */
export const wording: Partial<ApplyWording<Change>> = {
  capReached: (capInput, cap, left) =>
    `reached ${capInput} (${cap}); ${left.length} issues left for the next run`,
};

/** Failures spelled out in the error line; the rest are counted. */
const SHOWN_FAILURES = 5;

/** A repository's error line: what stopped the sweep, then the changes that failed. */
export function errorLine(report: ApplyReport<Change>): string | undefined {
  const found: string[] = [];
  if (report.stoppedBy) found.push(`stopped: ${report.stoppedBy}`);
  if (report.failed.length > 0) {
    const shown = report.failed.slice(0, SHOWN_FAILURES).map((f) => f.error);
    const more = report.failed.length - shown.length;
    found.push(
      `${report.failed.length} changes failed: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
    );
  }
  return found.length > 0 ? found.join("; ") : undefined;
}

/** Why the sweep leaves stale-labelled issues alone whose mark it cannot date. */
export function undatedWarning(undated: readonly IssueSummary[], staleLabel: string): string {
  return `${undated.length} issues carry '${staleLabel}' but their timeline never shows it being added, so the mark cannot be dated; left alone: ${undated.map((i) => `#${i.number}`).join(", ")}`;
}

/** Why the sweep could not create its missing label, and why that is no failure. */
export const labelNotCreated = (message: string) =>
  `${message}; GitHub creates it with its default colour when the first issue is labelled`;

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

/** The check for a concurrent sweep's copies of this sweep's comments failed. */
export const duplicatesNotChecked = (cause: string) =>
  `checking for comments a sweep running at the same time also posted failed (${cause}); an issue may carry two`;

/** Another sweep posted a comment this one was about to: the rest is left to it. */
export const leftToOtherSweep =
  "another sweep of this repository (started by another caller) posted a comment this one was about to post, so the changes after it are left to that sweep";
