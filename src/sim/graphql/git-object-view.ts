import { createHash } from "node:crypto";
import { GraphQLError } from "graphql";
import type { SimFile, SimRepo } from "../state.ts";
import type { GraphqlContext } from "./context.ts";
import { derivedNodeId } from "./ids.ts";
import { repositoryView } from "./repository-view.ts";
import type { View } from "./resolve-field.ts";

type Files = Map<string, SimFile>;

const BLOB_MODE = 0o100644;
const TREE_MODE = 0o40000;

/** The immediate children of directory `dir` ("" for the root), in git's tree order. */
function children(files: Files, dir: string): { name: string; path: string; blob: boolean }[] {
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

/** The git object id of a directory, computed as `git write-tree` does. */
function treeOid(files: Files, dir: string): string {
  const parts = children(files, dir).map(({ name, path, blob }) => {
    const oid = blob ? (files.get(path) as SimFile).sha : treeOid(files, path);
    const mode = (blob ? BLOB_MODE : TREE_MODE).toString(8);
    return Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, "hex")]);
  });
  const body = Buffer.concat(parts);
  return createHash("sha1").update(`tree ${body.length}\0`).update(body).digest("hex");
}

function blobView(ctx: GraphqlContext, repo: SimRepo, file: SimFile): View & { oid: string } {
  return {
    __typename: "Blob",
    id: derivedNodeId("B", `${repo.id}:${file.sha}`),
    oid: file.sha,
    abbreviatedOid: file.sha.slice(0, 7),
    text: file.content,
    byteSize: Buffer.byteLength(file.content),
    isBinary: false,
    isTruncated: false,
    repository: () => repositoryView(ctx, repo),
  };
}

/** The Tree of directory `dir` ("" for the root) of a set of files. */
export function treeView(
  ctx: GraphqlContext,
  repo: SimRepo,
  files: Files,
  dir: string,
): View & { oid: string } {
  const oid = treeOid(files, dir);
  return {
    __typename: "Tree",
    id: derivedNodeId("T", `${repo.id}:${oid}`),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    repository: () => repositoryView(ctx, repo),
    entries: () =>
      children(files, dir).map(({ name, path, blob }) => {
        const file = blob ? (files.get(path) as SimFile) : undefined;
        const object = file ? blobView(ctx, repo, file) : treeView(ctx, repo, files, path);
        return {
          name,
          path,
          type: file ? "blob" : "tree",
          mode: file ? BLOB_MODE : TREE_MODE,
          oid: object.oid,
          size: file ? Buffer.byteLength(file.content) : 0,
          extension: file && name.includes(".") ? name.slice(name.lastIndexOf(".")) : null,
          isGenerated: false,
          object,
          repository: () => repositoryView(ctx, repo),
        };
      }),
  };
}

/**
 * `Repository.object(expression: "branch:path")`: a file as a Blob, a directory as a Tree,
 * null when the branch or path does not exist (as on GitHub). Reading a whole directory of
 * state files this way is one request where the contents API needs one per file.
 */
export function gitObject(
  ctx: GraphqlContext,
  repo: SimRepo,
  args: { expression?: string | null; oid?: string | null },
) {
  const expression = args.expression ?? "";
  const colon = expression.indexOf(":");
  if (args.oid || colon < 0)
    throw new GraphQLError(
      'The simulator implements Repository.object only as object(expression: "<branch or commit>:<path>").',
    );
  let ref = expression.slice(0, colon).replace(/^refs\/heads\//, "");
  if (ref === "" || ref === "HEAD") ref = repo.default_branch;
  const path = expression.slice(colon + 1).replace(/^\/+|\/+$/g, "");
  const files = repo.branches.get(ref)?.files ?? repo.commits.get(ref);
  if (!files) return null;
  const file = files.get(path);
  if (file) return blobView(ctx, repo, file);
  if (path !== "" && children(files, path).length === 0) return null;
  return treeView(ctx, repo, files, path);
}
