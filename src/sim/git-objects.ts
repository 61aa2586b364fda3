/**
 * Git's object ids, computed the way git computes them (`git hash-object`, `git write-tree`,
 * `git commit-tree`), so a blob, tree or commit the simulator reports has the id a real
 * repository with the same content would give it.
 */
import { createHash } from "node:crypto";

/** A file mode git records in a tree: regular, executable, symbolic link. */
export type GitFileMode = "100644" | "100755" | "120000";

/** What a tree entry needs from a file. */
export interface TreeFile {
  sha: string;
  mode?: GitFileMode;
}

/** A git identity line's parts. */
export interface GitPerson {
  name: string;
  email: string;
  /** A GitHub timestamp (`2026-06-01T00:00:00Z`). */
  date: string;
}

/** The mode of a subtree entry, as git writes it (no leading zero). */
export const TREE_MODE = "40000";

function objectId(kind: string, body: Buffer): string {
  return createHash("sha1").update(`${kind} ${body.length}\0`).update(body).digest("hex");
}

/** The blob id of some bytes (a string is taken as UTF-8). */
export function blobOid(content: string | Buffer): string {
  return objectId("blob", typeof content === "string" ? Buffer.from(content, "utf8") : content);
}

/** An entry of a directory: a file (blob) or a subdirectory (tree). */
export interface TreeChild {
  name: string;
  path: string;
  blob: boolean;
}

/** The immediate children of directory `dir` ("" for the root), in git's tree order. */
export function treeChildren(files: ReadonlyMap<string, TreeFile>, dir: string): TreeChild[] {
  const prefix = dir === "" ? "" : `${dir}/`;
  const seen = new Map<string, boolean>();
  for (const path of files.keys()) {
    if (!path.startsWith(prefix)) continue;
    const [name = "", ...rest] = path.slice(prefix.length).split("/");
    seen.set(name, rest.length === 0);
  }
  // git orders a tree's entries by name, comparing a subtree's name as if it ended in "/".
  const sortName = (name: string, blob: boolean) => (blob ? name : `${name}/`);
  return [...seen]
    .map(([name, blob]) => ({ name, path: prefix + name, blob }))
    .sort((a, b) => (sortName(a.name, a.blob) < sortName(b.name, b.blob) ? -1 : 1));
}

/** The id of directory `dir` ("" for the root) of a set of files, as `git write-tree` computes it. */
export function treeOid(files: ReadonlyMap<string, TreeFile>, dir = ""): string {
  const parts = treeChildren(files, dir).map(({ name, path, blob }) => {
    const file = blob ? files.get(path) : undefined;
    const oid = file ? file.sha : treeOid(files, path);
    const mode = file ? (file.mode ?? "100644") : TREE_MODE;
    return Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, "hex")]);
  });
  return objectId("tree", Buffer.concat(parts));
}

function identityLine(role: string, p: GitPerson): string {
  return `${role} ${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000\n`;
}

/**
 * A commit's id over its tree, parents, author, committer and message, as `git commit-tree`
 * computes it: two commits differ in id unless all of these are equal, and the same change
 * made a second later is another commit.
 */
export function commitOid(c: {
  tree: string;
  parents: readonly string[];
  author: GitPerson;
  committer: GitPerson;
  message: string;
}): string {
  const header =
    `tree ${c.tree}\n` +
    c.parents.map((p) => `parent ${p}\n`).join("") +
    identityLine("author", c.author) +
    identityLine("committer", c.committer);
  return objectId("commit", Buffer.from(`${header}\n${c.message}`, "utf8"));
}
