import type { components } from "@octokit/openapi-types";
import { pushRefusal, syncPullHeads } from "../push.ts";
import {
  blobSha,
  commitFiles,
  fileBytes,
  makeFile,
  webCommitOptions,
  type SimBranch,
  type SimCommit,
  type SimFile,
  type SimRepo,
} from "../state.ts";
import {
  conflict,
  HttpError,
  errorBody,
  notFound,
  stringField,
  unprocessable,
  type RepoContext,
  type RepoRoute,
} from "./http.ts";
import { contentFile, fileCommit } from "./serialize-git.ts";

type ContentDirectory = components["schemas"]["content-directory"];

const READ = { name: "contents", level: "read" } as const;
const WRITE = { name: "contents", level: "write" } as const;

/** The files at `ref`: a branch (`main`, `refs/heads/main`) or a commit sha; default branch when absent. */
function filesAt(repo: SimRepo, ref: string | null): { files: Map<string, SimFile>; ref: string } {
  const name = ref === null || ref === "" ? repo.default_branch : ref.replace(/^refs\/heads\//, "");
  const branch = repo.branches.get(name);
  if (branch) return { files: branch.files, ref: name };
  const commit = repo.commits.get(name);
  if (commit) return { files: commit, ref: name };
  throw notFound(`No commit found for the ref ${ref}`);
}

function directory(ctx: RepoContext, files: Map<string, SimFile>, dir: string, ref: string) {
  const prefix = dir === "" ? "" : `${dir}/`;
  const entries = new Map<string, ContentDirectory[number]>();
  const repo = ctx.repo.full_name;
  for (const [path, file] of files) {
    if (!path.startsWith(prefix)) continue;
    const [name = "", ...deeper] = path.slice(prefix.length).split("/");
    const entryPath = `${prefix}${name}`;
    if (entries.has(name)) continue;
    const isDir = deeper.length > 0;
    const self = `${ctx.api}/repos/${repo}/contents/${entryPath}?ref=${encodeURIComponent(ref)}`;
    const html = `https://github.com/${repo}/${isDir ? "tree" : "blob"}/${ref}/${entryPath}`;
    const git = `${ctx.api}/repos/${repo}/git/${isDir ? "trees" : "blobs"}/${isDir ? "" : file.sha}`;
    entries.set(name, {
      type: isDir ? "dir" : "file",
      size: isDir ? 0 : fileBytes(file).length,
      name,
      path: entryPath,
      sha: isDir ? blobSha(entryPath) : file.sha,
      url: self,
      git_url: git,
      html_url: html,
      download_url: isDir ? null : `https://raw.githubusercontent.com/${repo}/${ref}/${entryPath}`,
      _links: { self, git, html },
    });
  }
  return entries.size === 0 ? undefined : [...entries.values()];
}

/** GET /repos/{o}/{r}/contents/{path}?ref= : a file, or a directory's entries. */
function getContents(ctx: RepoContext) {
  const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const { files, ref } = filesAt(ctx.repo, ctx.query.get("ref"));
  const file = files.get(path);
  if (file) return { status: 200, body: contentFile(ctx.api, ctx.repo, path, ref, file) };
  const listing = directory(ctx, files, path, ref);
  if (!listing) throw notFound();
  return { status: 200, body: listing };
}

function decodeContent(raw: string): Buffer {
  const compact = raw.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1)
    throw unprocessable("content is not valid Base64");
  return Buffer.from(compact, "base64");
}

function branchFor(ctx: RepoContext): { name: string; branch: SimBranch } {
  const name = (stringField(ctx, "branch", false) ?? ctx.repo.default_branch).replace(
    /^refs\/heads\//,
    "",
  );
  const branch = ctx.repo.branches.get(name);
  if (!branch) throw new HttpError(404, errorBody(404, `Branch ${name} not found`));
  return { name, branch };
}

/**
 * PUT /repos/{o}/{r}/contents/{path}: creates (201) or updates (200) a file with a commit. An
 * existing file needs its current blob `sha` (422 without one, 409 when it is stale), which
 * is how concurrent writers of a state file find out about each other. The commit is made
 * the way the web editor makes it (authored by the token's account, signed by GitHub), and
 * the branch's rules apply as to any push.
 */
function putContents(ctx: RepoContext) {
  const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const message = stringField(ctx, "message", true);
  const content = decodeContent(stringField(ctx, "content", true));
  const sha = stringField(ctx, "sha", false);
  const { name, branch } = branchFor(ctx);
  const existing = branch.files.get(path);
  if (existing && sha === undefined)
    throw unprocessable(`Invalid request.\n\n"sha" wasn't supplied.`);
  if (sha !== undefined && existing?.sha !== sha) throw conflict(`${path} does not match ${sha}`);
  // The new commit descends from the head, so only an `update` rule can refuse it.
  const refused = pushRefusal(ctx.repo, { branch: name, from: branch.sha, to: branch.sha });
  if (refused?.kind === "rules") throw unprocessable(refused.message);
  const file = makeFile(content, existing?.mode);
  const files = new Map(branch.files);
  files.set(path, file);
  const commit = commitFiles(
    ctx.repo,
    branch,
    files,
    message,
    webCommitOptions(ctx.token.login, ctx.at),
  );
  syncPullHeads(ctx.repo, name);
  ctx.repo.updated_at = ctx.at;
  const info = ctx.repo.commitInfo.get(commit) as SimCommit;
  return {
    status: existing ? 200 : 201,
    body: fileCommit(ctx.api, ctx.repo, path, name, file, info),
  };
}

/** Contents get and put. */
export const contentsRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/contents/{path+}",
    permission: READ,
    handle: getContents,
  },
  {
    scope: "repo",
    method: "PUT",
    pattern: "/repos/{owner}/{repo}/contents/{path+}",
    permission: WRITE,
    content: true,
    handle: putContents,
  },
];
