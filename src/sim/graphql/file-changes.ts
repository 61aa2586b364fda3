/**
 * `createCommitOnBranch`'s `fileChanges`, checked and applied as the schema's description of
 * `FileChanges` says: paths unique across additions and deletions ("Any duplication will
 * result in a validation error"), contents in strict RFC 4648 base64 ("correct padding is
 * required and no characters outside the standard alphabet may be used"), possibly binary.
 */
import { makeFile, type SimFile } from "../state.ts";
import { githubError } from "./errors.ts";

/** The `FileChanges` input. */
export interface FileChangesInput {
  additions?: { path: string; contents: string }[] | null;
  deletions?: { path: string }[] | null;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function unprocessable(message: string) {
  return githubError("UNPROCESSABLE", message);
}

function checkPath(path: string): void {
  if (path === "" || path.startsWith("/") || path.endsWith("/") || path.split("/").includes(""))
    throw unprocessable(
      `The path '${path}' is not a valid path in a git tree (allowed: unix-style, not slash-prefixed, no empty segments).`,
    );
}

/**
 * The files after the changes, or a validation error. A deletion of a path the head does not
 * have aborts the commit with GitHub's message ("A path was requested for deletion which does
 * not exist as of commit oid `<oid>`.", as clients quote it). Additions are written as
 * regular files (mode 100644): the input has no mode, and files committed this way are
 * reported to come out 100644 even where they were executable before.
 */
export function applyFileChanges(
  files: Map<string, SimFile>,
  changes: FileChangesInput | null | undefined,
  headOid: string,
): Map<string, SimFile> {
  const additions = changes?.additions ?? [];
  const deletions = changes?.deletions ?? [];
  const seen = new Set<string>();
  for (const { path } of [...additions, ...deletions]) {
    checkPath(path);
    if (seen.has(path))
      throw unprocessable(
        `The path '${path}' appears more than once in fileChanges; paths must be unique across all additions and deletions.`,
      );
    seen.add(path);
  }
  const decoded = additions.map((a) => {
    if (!STRICT_BASE64.test(a.contents))
      throw unprocessable(
        `The contents of '${a.path}' are not valid base64 (RFC 4648: standard alphabet, correct padding, no whitespace).`,
      );
    return { path: a.path, bytes: Buffer.from(a.contents, "base64") };
  });
  const next = new Map(files);
  for (const { path } of deletions) {
    if (!next.delete(path))
      throw unprocessable(
        `A path was requested for deletion which does not exist as of commit oid \`${headOid}\`.`,
      );
  }
  for (const { path, bytes } of decoded) next.set(path, makeFile(bytes));
  return next;
}
