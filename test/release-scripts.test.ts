import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain .mjs scripts without types.
import { homeRepository, internalRefs, referringFiles } from "../scripts/internal-refs.mjs";
// @ts-expect-error: plain .mjs scripts without types.
import { refsInTree, release } from "../scripts/release.mjs";
// @ts-expect-error: plain .mjs scripts without types.
import { setOwner } from "../scripts/set-owner.mjs";

type Home = { owner: string; repo: string };
type Changed = { changed?: string[]; problem?: string };
const files = referringFiles as (root?: string) => string[];
const refs = internalRefs as (text: string, home: Home) => { path: string; ref: string }[];
const refsIn = refsInTree as (root?: string) => string[];
const releaseIn = release as (version: unknown, root: string) => Changed;
const setOwnerIn = setOwner as (owner: unknown, repo: unknown, root: string) => Changed;
const home = (root?: string) => (homeRepository as (root?: string) => Home)(root);

/** A copy of the files that refer to fleet itself, with package.json. */
function copyOfTree(): string {
  const root = mkdtempSync(join(tmpdir(), "fleet-release-"));
  for (const file of [...files(), "package.json"]) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    cpSync(file, join(root, file));
  }
  return root;
}

/** Every reference in a tree, file by file. */
const allRefs = (root: string) =>
  files(root).flatMap((f) =>
    refs(readFileSync(join(root, f), "utf8"), home(root)).map((r) => ({ file: f, ...r })),
  );

describe("references fleet makes to itself", () => {
  it("all name one ref in this tree", () => {
    expect(refsIn()).toHaveLength(1);
    expect(allRefs(".").length).toBeGreaterThanOrEqual(30);
  });
});

describe("npm run release", () => {
  it("pins every reference to the exact version being released, and nothing else", () => {
    const root = copyOfTree();
    const before = allRefs(root);
    const result = releaseIn("1.2.3", root);
    expect(result.changed).toContain(join(".github", "workflows", "stale.yml"));
    expect(refsIn(root)).toEqual(["v1.2.3"]);
    expect(allRefs(root)).toEqual(before.map((r) => ({ ...r, ref: "v1.2.3" })));
    for (const file of files(root)) {
      const pinned = readFileSync(join(root, file), "utf8");
      const original = readFileSync(file, "utf8");
      expect(pinned.replaceAll("@v1.2.3", "@v1"), file).toBe(original);
    }
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version).toBe("1.2.3");
  });

  it("refuses a version that is not MAJOR.MINOR.PATCH, changing nothing", () => {
    const root = copyOfTree();
    expect(releaseIn("v1.2", root)).toEqual({
      problem: 'version: found "v1.2", allowed MAJOR.MINOR.PATCH such as 1.2.3',
    });
    expect(refsIn(root)).toEqual(refsIn());
  });
});

describe("npm run set-owner", () => {
  it("points every reference and package.json at the fork", () => {
    const root = copyOfTree();
    const { owner, repo } = home();
    const count = allRefs(root).length;
    setOwnerIn("acme", undefined, root);
    expect(home(root)).toEqual({ owner: "acme", repo });
    expect(allRefs(root)).toHaveLength(count);
    for (const file of files(root)) {
      expect(readFileSync(join(root, file), "utf8"), file).not.toContain(`${owner}/${repo}/`);
    }
  });

  it("refuses a name GitHub would not accept, changing nothing", () => {
    const root = copyOfTree();
    expect(setOwnerIn("acme corp", undefined, root)).toEqual({
      problem: 'owner: found "acme corp", allowed a GitHub user or organisation name',
    });
    expect(home(root)).toEqual(home());
  });
});
