import { staleSweepMarkers as markers } from "../../core/markers.ts";

/** One timeline entry, reduced to what the sweep decides on. */
export interface TimelineEntry {
  /** `labeled`, `unlabeled`, `commented`, `closed`, `reopened`, `renamed`... */
  event: string;
  /** Who did it; null when GitHub does not say (a deleted account). */
  actor: string | null;
  /** Epoch milliseconds. */
  at: number;
  /** For labeled/unlabeled. */
  label?: string;
  /** For commented. */
  body?: string;
}

/** What an issue's timeline says about its stale label. */
export interface MarkState {
  /** When the stale label was last put on (epoch ms). */
  markedAt: number;
  /** Who put it on: the sweeper's identity, whose own label and comments never count as activity. */
  markedBy: string | null;
  /** The first thing someone other than the marker did after the mark, if anything. */
  activity?: { event: string; actor: string | null; at: number };
  /** The marker already posted its close comment after the mark (a close that failed after it). */
  closeCommented: boolean;
  /**
   * When the stale comment was posted after the mark; absent when the label stands without it
   * (the comment's request failed, or the run was killed between the two).
   */
  warnedAt?: number;
}

/**
 * Timeline entries that are not a person attending to the issue: side effects of other
 * entries (a mention, a subscription), what board and deployment automations record (GitHub's
 * project workflows move items and set their Status on their own), and moderation of a user.
 * Every other kind by someone other than the marker is activity (actions/stale-sweep/README.md).
 */
export const NOT_ACTIVITY: ReadonlySet<string> = new Set([
  "mentioned",
  "subscribed",
  "unsubscribed",
  "added_to_project",
  "moved_columns_in_project",
  "removed_from_project",
  "converted_note_to_issue",
  "added_to_project_v2",
  "removed_from_project_v2",
  "project_v2_item_status_changed",
  "automatic_base_change_failed",
  "automatic_base_change_succeeded",
  "deployed",
  "deployment_environment_changed",
  "user_blocked",
]);

const fleetComment = (body: string | undefined) =>
  body !== undefined && (body.includes(markers.stale) || body.includes(markers.close));

/**
 * Finds the last time `label` was put on the issue and what happened after it, in timeline
 * order. Undefined when the timeline has no such event (the label cannot then be dated).
 */
export function readMark(timeline: readonly TimelineEntry[], label: string): MarkState | undefined {
  const wanted = label.toLowerCase();
  let at = -1;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i]!;
    if (e.event === "labeled" && e.label?.toLowerCase() === wanted) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const mark = timeline[at]!;
  const state: MarkState = { markedAt: mark.at, markedBy: mark.actor, closeCommented: false };
  for (const e of timeline.slice(at + 1)) {
    // A comment carrying the sweep's marker is the sweep's own, whoever put the label on.
    const marked = e.event === "commented" && fleetComment(e.body);
    const own = marked || (e.actor !== null && e.actor === mark.actor);
    if (own) {
      if (marked && e.body!.includes(markers.close)) state.closeCommented = true;
      if (marked && e.body!.includes(markers.stale)) state.warnedAt ??= e.at;
      continue;
    }
    if (NOT_ACTIVITY.has(e.event)) continue;
    state.activity = { event: e.event, actor: e.actor, at: e.at };
    break;
  }
  return state;
}
