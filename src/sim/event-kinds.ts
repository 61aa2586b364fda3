/**
 * Every event kind an issue or pull-request timeline shows, as listed by GitHub's "Issue event
 * types" reference and the `timeline-issue-events` schema of its REST description. The
 * simulator serves each with its documented shape; stale-sweep's tests pin for each one
 * whether it counts as activity.
 */
export const EVENT_KINDS = [
  "added_to_project",
  "added_to_project_v2",
  "assigned",
  "automatic_base_change_failed",
  "automatic_base_change_succeeded",
  "base_ref_changed",
  "blocked_by_added",
  "blocked_by_removed",
  "blocking_added",
  "blocking_removed",
  "closed",
  "commented",
  "committed",
  "connected",
  "convert_to_draft",
  "converted_note_to_issue",
  "converted_to_discussion",
  "cross-referenced",
  "demilestoned",
  "deployed",
  "deployment_environment_changed",
  "disconnected",
  "head_ref_deleted",
  "head_ref_force_pushed",
  "head_ref_restored",
  "issue_type_added",
  "issue_type_changed",
  "issue_type_removed",
  "labeled",
  "locked",
  "marked_as_duplicate",
  "mentioned",
  "merged",
  "milestoned",
  "moved_columns_in_project",
  "parent_issue_added",
  "parent_issue_removed",
  "pinned",
  "project_v2_item_status_changed",
  "ready_for_review",
  "referenced",
  "removed_from_project",
  "removed_from_project_v2",
  "renamed",
  "reopened",
  "review_dismissed",
  "review_request_removed",
  "review_requested",
  "reviewed",
  "sub_issue_added",
  "sub_issue_removed",
  "subscribed",
  "transferred",
  "unassigned",
  "unlabeled",
  "unlocked",
  "unmarked_as_duplicate",
  "unpinned",
  "unsubscribed",
  "user_blocked",
] as const;

/** One kind of timeline event. */
export type SimEventKind = (typeof EVENT_KINDS)[number];

/**
 * Kinds the timeline shows but the issue events listing (`GET .../issues/{n}/events`) does
 * not: comments, reviews, commits and cross-references are timeline items, not issue events.
 */
export const TIMELINE_ONLY: ReadonlySet<SimEventKind> = new Set([
  "commented",
  "committed",
  "cross-referenced",
  "reviewed",
]);
