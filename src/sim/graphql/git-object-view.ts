import { GraphQLError } from "graphql";
import { TREE_MODE, treeChildren as children, treeOid } from "../git-objects.ts";
import { fileBytes, isUtf8, type SimFile, type SimRepo } from "../state.ts";
import type { GraphqlContext } from "./context.ts";
import { derivedNodeId } from "./ids.ts";
import { repositoryView } from "./repository-view.ts";
import type { View } from "./resolve-field.ts";

type Files = Map<string, SimFile>;

/** GraphQL's `TreeEntry.mode`: git's octal mode as a decimal number (100644 -> 33188). */
function modeNumber(mode: string): number {
  return parseInt(mode, 8);
}

function blobView(ctx: GraphqlContext, repo: SimRepo, file: SimFile): View & { oid: string } {
  const bytes = fileBytes(file);
  // GitHub answers `text: null` for a binary blob (the schema: "null if unable to determine").
  const binary = !isUtf8(bytes) || bytes.includes(0);
  return {
    __typename: "Blob",
    id: derivedNodeId("B", `${repo.id}:${file.sha}`),
    oid: file.sha,
    abbreviatedOid: file.sha.slice(0, 7),
    text: binary ? null : file.content,
    byteSize: bytes.length,
    isBinary: binary,
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
          mode: modeNumber(file ? (file.mode ?? "100644") : TREE_MODE),
          oid: object.oid,
          size: file ? fileBytes(file).length : 0,
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
