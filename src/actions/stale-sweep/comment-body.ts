import { staleSweepMarkers as markers } from "../../core/markers.ts";

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
