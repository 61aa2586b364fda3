import { trackingIssueMarker } from "../../core/markers.ts";
import { packageNameProblem } from "./outcomes.ts";

/** What the hidden marker of a tracking issue's body says. */
export interface Marker {
  package: string;
  /** The archival milestones (days) already commented. */
  milestones: number[];
}

const pattern = trackingIssueMarker.pattern;

/** The hidden marker line that identifies a tracking issue's package. */
export function formatMarker(marker: Marker): string {
  const milestones = [...new Set(marker.milestones)].sort((a, b) => a - b);
  return trackingIssueMarker.format(JSON.stringify({ package: marker.package, milestones }));
}

/**
 * The marker in an issue body: undefined when the body has none, `{ problem }` when it has one
 * that cannot be read (a human edited it), so the caller can say so instead of silently
 * treating the issue as untracked.
 */
export function parseMarker(
  body: string | null | undefined,
): Marker | { problem: string } | undefined {
  const match = pattern.exec(body ?? "");
  if (!match) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(match[1]!);
  } catch (error) {
    return { problem: `its marker is not JSON (${(error as Error).message})` };
  }
  const v = (value ?? {}) as { package?: unknown; milestones?: unknown };
  if (typeof v.package !== "string" || packageNameProblem(v.package) !== undefined)
    return { problem: `its marker names no valid package (found ${JSON.stringify(v.package)})` };
  const milestones = v.milestones ?? [];
  if (!Array.isArray(milestones) || !milestones.every((m) => Number.isInteger(m) && m > 0))
    return {
      problem: `its marker's milestones are not day counts (found ${JSON.stringify(v.milestones)})`,
    };
  return { package: v.package, milestones: milestones as number[] };
}

/** The body with its marker replaced (or prepended when it has none). */
export function replaceMarker(body: string | null | undefined, marker: Marker): string {
  const text = body ?? "";
  return pattern.test(text)
    ? text.replace(pattern, formatMarker(marker))
    : `${formatMarker(marker)}\n${text}`;
}
