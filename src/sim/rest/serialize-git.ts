import type { components } from "@octokit/openapi-types";
import { treeChildren, treeOid } from "../git-objects.ts";
import { fileBytes, type SimCommit, type SimFile, type SimPerson, type SimRepo } from "../state.ts";

type ContentFile = components["schemas"]["content-file"];
type FileCommit = components["schemas"]["file-commit"];
type GitRef = components["schemas"]["git-ref"];
type GitCommit = components["schemas"]["git-commit"];
type GitTree = components["schemas"]["git-tree"];
type Blob = components["schemas"]["blob"];

function fileUrls(api: string, repo: SimRepo, path: string, ref: string, sha: string) {
  const self = `${api}/repos/${repo.full_name}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const git = `${api}/repos/${repo.full_name}/git/blobs/${sha}`;
  const html = `https://github.com/${repo.full_name}/blob/${ref}/${path}`;
  return { self, git, html };
}

/** `GET /repos/{o}/{r}/contents/{path}` for a file: base64 content in 60-column lines, like GitHub. */
export function contentFile(
  api: string,
  repo: SimRepo,
  path: string,
  ref: string,
  f: SimFile,
): ContentFile {
  const u = fileUrls(api, repo, path, ref, f.sha);
  const bytes = fileBytes(f);
  return {
    type: "file",
    encoding: "base64",
    size: bytes.length,
    name: path.split("/").pop() ?? path,
    path,
    content: (bytes.toString("base64").match(/.{1,60}/g) ?? []).join("\n") + "\n",
    sha: f.sha,
    url: u.self,
    git_url: u.git,
    html_url: u.html,
    download_url: `https://raw.githubusercontent.com/${repo.full_name}/${ref}/${path}`,
    _links: { self: u.self, git: u.git, html: u.html },
  };
}

/** The answer to `PUT /repos/{o}/{r}/contents/{path}`. */
export function fileCommit(
  api: string,
  repo: SimRepo,
  path: string,
  branch: string,
  f: SimFile,
  commit: SimCommit,
): FileCommit {
  const u = fileUrls(api, repo, path, branch, f.sha);
  return {
    content: {
      name: path.split("/").pop() ?? path,
      path,
      sha: f.sha,
      size: fileBytes(f).length,
      url: u.self,
      html_url: u.html,
      git_url: u.git,
      download_url: `https://raw.githubusercontent.com/${repo.full_name}/${branch}/${path}`,
      type: "file",
      _links: { self: u.self, git: u.git, html: u.html },
    },
    commit: gitCommit(api, repo, commit),
  };
}

/**
 * GitHub's `verification` of a commit. A commit GitHub signed itself reports `valid`; its
 * signature and payload are GitHub's PGP block, which the model does not keep, so they are
 * left null as for an unsigned commit.
 */
function verification(c: SimCommit): GitCommit["verification"] {
  const verified = c.signature?.verified === true;
  return {
    verified,
    reason: c.signature === null ? "unsigned" : verified ? "valid" : "unknown_key",
    signature: null,
    payload: null,
    verified_at: verified ? c.committer.date : null,
  };
}

/** `GET /repos/{o}/{r}/git/commits/{sha}`: a commit's git data. */
export function gitCommit(api: string, repo: SimRepo, c: SimCommit): GitCommit {
  const base = `${api}/repos/${repo.full_name}`;
  const person = (p: SimPerson) => ({ name: p.name, email: p.email, date: p.date });
  return {
    sha: c.oid,
    node_id: commitNodeId(repo, c.oid),
    url: `${base}/git/commits/${c.oid}`,
    html_url: `https://github.com/${repo.full_name}/commit/${c.oid}`,
    author: person(c.author),
    committer: person(c.committer),
    message: c.message,
    tree: { sha: c.tree, url: `${base}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${base}/git/commits/${p}`,
      html_url: `https://github.com/${repo.full_name}/commit/${p}`,
    })),
    verification: verification(c),
  };
}

/** A commit's node id, the same through REST and GraphQL. */
export function commitNodeId(repo: SimRepo, oid: string): string {
  return `C_kwDO${Buffer.from(`fleet-sim:${repo.id}:${oid}`).toString("base64url")}`;
}

/**
 * `GET /repos/{o}/{r}/git/trees/{sha}`: the entries of one directory of a commit's files, or
 * with `recursive` every entry below it (subtrees included, as git's `ls-tree -r -t`).
 */
export function gitTree(
  api: string,
  repo: SimRepo,
  files: Map<string, SimFile>,
  dir: string,
  recursive: boolean,
): GitTree {
  const base = `${api}/repos/${repo.full_name}`;
  const entries: GitTree["tree"] = [];
  const walk = (at: string) => {
    for (const child of treeChildren(files, at)) {
      const file = child.blob ? files.get(child.path) : undefined;
      const relative = dir === "" ? child.path : child.path.slice(dir.length + 1);
      if (file) {
        entries.push({
          path: relative,
          mode: file.mode ?? "100644",
          type: "blob",
          sha: file.sha,
          size: fileBytes(file).length,
          url: `${base}/git/blobs/${file.sha}`,
        });
        continue;
      }
      const sha = treeOid(files, child.path);
      entries.push({
        path: relative,
        mode: "040000",
        type: "tree",
        sha,
        url: `${base}/git/trees/${sha}`,
      });
      if (recursive) walk(child.path);
    }
  };
  walk(dir);
  const sha = treeOid(files, dir);
  return { sha, url: `${base}/git/trees/${sha}`, tree: entries, truncated: false };
}

/** `GET /repos/{o}/{r}/git/blobs/{sha}`: the bytes as base64 in 60-column lines, like GitHub. */
export function gitBlob(api: string, repo: SimRepo, f: SimFile): Blob {
  const bytes = fileBytes(f);
  return {
    sha: f.sha,
    node_id: `B_kwDO${Buffer.from(`fleet-sim:${repo.id}:${f.sha}`).toString("base64url")}`,
    size: bytes.length,
    url: `${api}/repos/${repo.full_name}/git/blobs/${f.sha}`,
    content: (bytes.toString("base64").match(/.{1,60}/g) ?? []).join("\n") + "\n",
    encoding: "base64",
  };
}

/** A branch ref. */
export function gitRef(api: string, repo: SimRepo, branch: string, sha: string): GitRef {
  return {
    ref: `refs/heads/${branch}`,
    node_id: `REF_${Buffer.from(`${repo.full_name}:${branch}`).toString("base64url")}`,
    url: `${api}/repos/${repo.full_name}/git/refs/heads/${branch}`,
    object: { type: "commit", sha, url: `${api}/repos/${repo.full_name}/git/commits/${sha}` },
  };
}
