/**
 * A markdown link to a loopback server: `[text](http://127.0.0.1:PORT/...)`. The text may hold
 * escaped brackets (`tableCell` and `linkText` escape them).
 */
const LOOPBACK_LINK =
  /\[((?:\\.|[^\\\]])*)\]\(http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:\/[^)\s]*)?\)/g;

/**
 * The summary with every link to a loopback server reduced to its text. Every server the demo
 * starts (the simulator, the simulated Gitea) listens on loopback and is gone when the demo
 * ends, so a link to one would lead nowhere by the time anyone reads the summary.
 */
export function withoutLoopbackLinks(markdown: string): string {
  return markdown.replace(LOOPBACK_LINK, "$1");
}
