// `npm run set-owner -- acme [fleet]`: for a fork. Points every reference fleet makes to itself
// (`uses: fleetops/fleet/...` in the reusable workflows, the templates and the READMEs) and
// package.json's `repository` at OWNER/REPO (REPO defaults to the current name).
import { homeRepository, rewriteTree, updatePackage } from "./internal-refs.mjs";

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** Moves the tree at `root` to `owner/repo`; returns the files changed, or the problem. */
export function setOwner(owner, repo, root = ".") {
  const target = { owner, repo: repo ?? homeRepository(root).repo };
  if (!NAME.test(owner ?? "")) {
    return {
      problem: `owner: found ${JSON.stringify(owner ?? "")}, allowed a GitHub user or organisation name`,
    };
  }
  if (!REPO.test(target.repo)) {
    return {
      problem: `repository: found ${JSON.stringify(target.repo)}, allowed a GitHub repository name`,
    };
  }
  const changed = rewriteTree(root, target);
  updatePackage(root, (pkg) => ({ ...pkg, repository: `github:${target.owner}/${target.repo}` }));
  return { changed: [...changed, "package.json"] };
}

if (process.argv[1] && process.argv[1].endsWith("set-owner.mjs")) {
  const result = setOwner(process.argv[2], process.argv[3]);
  if (result.problem) {
    console.error(`set-owner: ${result.problem}`);
    process.exit(2);
  }
  console.log(
    `now ${process.argv[2]}/${process.argv[3] ?? homeRepository().repo}: ${result.changed.join(", ")}`,
  );
}
