// `npm run release -- 1.2.3`: prepares the release commit. Every reference fleet makes to itself
// (`uses: OWNER/REPO/...@v1` in the reusable workflows, the templates and the READMEs) is pinned to
// the exact tag being released, so that a caller pinned to that release by SHA also pins every
// action and reusable workflow it runs; package.json gets the version. Commit, tag and publish
// the result as an immutable release; main keeps its floating references.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  homeRepository,
  internalRefs,
  referringFiles,
  rewriteTree,
  updatePackage,
} from "./internal-refs.mjs";

/** Pins the tree at `root` to `version` (`1.2.3`); returns the files changed, or the problem. */
export function release(version, root = ".") {
  if (!/^\d+\.\d+\.\d+$/.test(version ?? "")) {
    return {
      problem: `version: found ${JSON.stringify(version ?? "")}, allowed MAJOR.MINOR.PATCH such as 1.2.3`,
    };
  }
  const changed = rewriteTree(root, { ref: `v${version}` });
  updatePackage(root, (pkg) => ({ ...pkg, version }));
  return { changed: [...changed, "package.json"] };
}

/** The refs the tree's references to fleet name: exactly one, `vX.Y.Z`, in a release commit. */
export function refsInTree(root = ".") {
  const home = homeRepository(root);
  const refs = new Set();
  for (const file of referringFiles(root)) {
    for (const { ref } of internalRefs(readFileSync(join(root, file), "utf8"), home)) refs.add(ref);
  }
  return [...refs].sort();
}

if (process.argv[1] && process.argv[1].endsWith("release.mjs")) {
  const result = release(process.argv[2]);
  if (result.problem) {
    console.error(`release: ${result.problem}`);
    process.exit(2);
  }
  console.log(`pinned to v${process.argv[2]}: ${result.changed.join(", ")}`);
  console.log(
    `next: git commit -am "Release v${process.argv[2]}", tag v${process.argv[2]}, publish the release`,
  );
}
