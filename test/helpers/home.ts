// @ts-expect-error: a plain .mjs script without types.
import { homeRepository } from "../../scripts/internal-refs.mjs";

/** The repository fleet is published from (package.json's `repository`), as `owner/repo`. */
export const HOME = (() => {
  const { owner, repo } = (homeRepository as () => { owner: string; repo: string })();
  return `${owner}/${repo}`;
})();

/** `HOME` escaped for a regular expression. */
export const HOME_PATTERN = HOME.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
