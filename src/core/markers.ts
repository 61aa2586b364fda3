/**
 * Every hidden marker fleet writes into GitHub (HTML comments, invisible when rendered). A
 * marker is a contract between fleet and the state it leaves behind: a rerun recognises its
 * own comments and issues by them, people search for them, and the simulator seeds them. So
 * they live here, once, and the actions and the simulator both import them.
 */

/** The ends of stale-sweep's comments. */
export const staleSweepMarkers = {
  /** Ends the stale comment. */
  stale: "<!-- fleet stale-sweep: stale -->",
  /**
   * Ends the close comment: a close that failed after its comment was posted is retried
   * without a second one.
   */
  close: "<!-- fleet stale-sweep: close -->",
} as const;

/**
 * smoke-issue-bot's tracking-issue marker: `<!-- fleet:smoke-issue-bot {json} -->` in the
 * issue body, the JSON naming the package and the archival milestones already commented.
 */
export const trackingIssueMarker = {
  /** The marker line around an already-serialised JSON object. */
  format: (json: string) => `<!-- fleet:smoke-issue-bot ${json} -->`,
  /** Finds the marker in a body; group 1 is its JSON. */
  pattern: /<!-- fleet:smoke-issue-bot (\{[^\n]*?\}) -->/,
} as const;

/**
 * open-pr's markers, by change id (letters, digits, `.`, `_`, `-` and `/`, so they cannot end
 * the HTML comment): the pull request body's, and its closing comment's, so that a close cut
 * short after its comment is finished without a second one.
 */
export const openPrMarkers = {
  pull: (changeId: string) => `<!-- fleet:open-pr change=${changeId} -->`,
  close: (changeId: string) => `<!-- fleet:open-pr closed change=${changeId} -->`,
} as const;
