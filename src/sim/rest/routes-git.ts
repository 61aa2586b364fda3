import { treeChildren, treeOid } from "../git-objects.ts";
import { applyPush, pushRefusal } from "../push.ts";
import type { SimFile, SimRepo } from "../state.ts";
import { notFound, stringField, unprocessable, type RepoContext, type RepoRoute } from "./http.ts";
import { gitBlob, gitCommit, gitRef, gitTree } from "./serialize-git.ts";

const READ = { name: "contents", level: "read" } as const;
const WRITE = { name: "contents", level: "write" } as const;

const HEADS = "heads/";

/** The branch a `{ref}` path parameter names (`heads/main`); undefined for anything else. */
function branchOfRef(ctx: RepoContext): string | undefined {
  const ref = (ctx.params.ref ?? "").replace(/^refs\//, "");
  return ref.startsWith(HEADS) && ref.length > HEADS.length ? ref.slice(HEADS.length) : undefined;
}

/**
 * A refused push as GitHub answers it on the refs API: 422 with "Update is not a fast
 * forward" (GitHub's message for PATCH git/refs without `force`, as clients such as
 * peter-evans/create-pull-request and octokit users report it), or 422 with the rule
 * violations (see branch-rules.ts).
 */
function refuse(ctx: RepoContext, push: Parameters<typeof pushRefusal>[1], force: boolean) {
  const refused = pushRefusal(ctx.repo, push, { force });
  if (refused?.kind === "not-fast-forward") throw unprocessable("Update is not a fast forward");
  if (refused?.kind === "rules") throw unprocessable(refused.message);
}

/** POST /repos/{o}/{r}/git/refs: a new branch at an existing commit. */
function createRef(ctx: RepoContext) {
  const ref = stringField(ctx, "ref", true);
  const sha = stringField(ctx, "sha", true);
  if (!ref.startsWith("refs/") || ref.split("/").length < 3)
    throw unprocessable("Reference name must start with 'refs/' and have at least two slashes.");
  if (!ref.startsWith("refs/heads/"))
    throw unprocessable(
      `Reference ${ref}: the simulator stores branches only (allowed: refs/heads/<branch>)`,
    );
  const name = ref.slice("refs/heads/".length);
  if (ctx.repo.branches.has(name)) throw unprocessable("Reference already exists");
  if (!ctx.repo.commits.has(sha)) throw unprocessable("Object does not exist");
  refuse(ctx, { branch: name, from: null, to: sha }, false);
  applyPush(ctx.repo, name, sha);
  return { status: 201, body: gitRef(ctx.api, ctx.repo, name, sha) };
}

/**
 * PATCH /repos/{o}/{r}/git/refs/{ref}: moves a branch. Without `force` the new commit must
 * descend from the current one. A missing ref answers 422 "Reference does not exist", as
 * GitHub does for the refs endpoints (not 404).
 */
function updateRef(ctx: RepoContext) {
  const sha = stringField(ctx, "sha", true);
  const force = ctx.body.force;
  if (force !== undefined && typeof force !== "boolean")
    throw unprocessable(
      `Invalid request.\n\nFor 'force', ${JSON.stringify(force)} is not a boolean.`,
    );
  const name = branchOfRef(ctx);
  const branch = name === undefined ? undefined : ctx.repo.branches.get(name);
  if (!branch || name === undefined) throw unprocessable("Reference does not exist");
  if (!ctx.repo.commits.has(sha)) throw unprocessable("Object does not exist");
  refuse(ctx, { branch: name, from: branch.sha, to: sha }, force === true);
  applyPush(ctx.repo, name, sha);
  return { status: 200, body: gitRef(ctx.api, ctx.repo, name, sha) };
}

/** DELETE /repos/{o}/{r}/git/refs/{ref}: 204, or 422 "Reference does not exist". */
function deleteRef(ctx: RepoContext) {
  const name = branchOfRef(ctx);
  const branch = name === undefined ? undefined : ctx.repo.branches.get(name);
  if (!branch || name === undefined) throw unprocessable("Reference does not exist");
  refuse(ctx, { branch: name, from: branch.sha, to: null }, true);
  applyPush(ctx.repo, name, null);
  return { status: 204 };
}

function commitOf(ctx: RepoContext, sha: string) {
  const commit = ctx.repo.commitInfo.get(sha);
  if (!commit) throw notFound();
  return commit;
}

/** Every distinct set of files the repository ever had (one per commit, shared ones once). */
function* trees(repo: SimRepo): Generator<Map<string, SimFile>> {
  const seen = new Set<Map<string, SimFile>>();
  for (const files of [
    ...[...repo.branches.values()].map((b) => b.files),
    ...repo.commits.values(),
  ]) {
    if (seen.has(files)) continue;
    seen.add(files);
    yield files;
  }
}

function directories(files: Map<string, SimFile>, dir: string): string[] {
  const below = treeChildren(files, dir).filter((c) => !c.blob);
  return [dir, ...below.flatMap((c) => directories(files, c.path))];
}

/**
 * The directory a `{tree_sha}` stands for: a tree id of any commit, or (as GitHub also
 * accepts) a commit id or branch name for its root tree.
 */
function treeAt(repo: SimRepo, sha: string): { files: Map<string, SimFile>; dir: string } {
  const byName = repo.branches.get(sha)?.files ?? repo.commits.get(sha);
  if (byName) return { files: byName, dir: "" };
  for (const files of trees(repo))
    for (const dir of directories(files, ""))
      if (treeOid(files, dir) === sha) return { files, dir };
  throw notFound();
}

function blobAt(repo: SimRepo, sha: string): SimFile {
  for (const files of trees(repo))
    for (const file of files.values()) if (file.sha === sha) return file;
  throw notFound();
}

/** Branch refs, commits, trees and blobs of the Git database API. */
export const gitRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/git/ref/{ref+}",
    permission: READ,
    handle: (ctx) => {
      const name = branchOfRef(ctx);
      const branch = name === undefined ? undefined : ctx.repo.branches.get(name);
      if (!branch || name === undefined) throw notFound();
      return { status: 200, body: gitRef(ctx.api, ctx.repo, name, branch.sha) };
    },
  },
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/git/refs",
    permission: WRITE,
    handle: createRef,
  },
  {
    scope: "repo",
    method: "PATCH",
    pattern: "/repos/{owner}/{repo}/git/refs/{ref+}",
    permission: WRITE,
    handle: updateRef,
  },
  {
    scope: "repo",
    method: "DELETE",
    pattern: "/repos/{owner}/{repo}/git/refs/{ref+}",
    permission: WRITE,
    handle: deleteRef,
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/git/commits/{commit_sha}",
    permission: READ,
    handle: (ctx) => ({
      status: 200,
      body: gitCommit(ctx.api, ctx.repo, commitOf(ctx, ctx.params.commit_sha ?? "")),
    }),
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/git/trees/{tree_sha}",
    permission: READ,
    handle: (ctx) => {
      const { files, dir } = treeAt(ctx.repo, ctx.params.tree_sha ?? "");
      // GitHub: "setting recursive to any of the following will enable returning objects or
      // subtrees: 0, 1, "true", and "false"", so only its absence means one level.
      const recursive = ctx.query.has("recursive");
      return { status: 200, body: gitTree(ctx.api, ctx.repo, files, dir, recursive) };
    },
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/git/blobs/{file_sha}",
    permission: READ,
    handle: (ctx) => ({
      status: 200,
      body: gitBlob(ctx.api, ctx.repo, blobAt(ctx.repo, ctx.params.file_sha ?? "")),
    }),
  },
];
