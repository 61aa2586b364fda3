import type { components } from "@octokit/openapi-types";
import type { SimFile, SimRepo } from "../state.ts";

type ContentFile = components["schemas"]["content-file"];
type FileCommit = components["schemas"]["file-commit"];
type GitRef = components["schemas"]["git-ref"];

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
  const bytes = Buffer.from(f.content, "utf8");
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
  commit: { sha: string; message: string; parent: string; at: string; author: string },
): FileCommit {
  const u = fileUrls(api, repo, path, branch, f.sha);
  const person = {
    name: commit.author,
    email: `${commit.author}@users.noreply.github.com`,
    date: commit.at,
  };
  return {
    content: {
      name: path.split("/").pop() ?? path,
      path,
      sha: f.sha,
      size: Buffer.byteLength(f.content, "utf8"),
      url: u.self,
      html_url: u.html,
      git_url: u.git,
      download_url: `https://raw.githubusercontent.com/${repo.full_name}/${branch}/${path}`,
      type: "file",
      _links: { self: u.self, git: u.git, html: u.html },
    },
    commit: {
      sha: commit.sha,
      node_id: `C_${commit.sha.slice(0, 20)}`,
      url: `${api}/repos/${repo.full_name}/git/commits/${commit.sha}`,
      html_url: `https://github.com/${repo.full_name}/commit/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      tree: { url: `${api}/repos/${repo.full_name}/git/trees/${commit.sha}`, sha: commit.sha },
      parents: [
        {
          url: `${api}/repos/${repo.full_name}/git/commits/${commit.parent}`,
          html_url: `https://github.com/${repo.full_name}/commit/${commit.parent}`,
          sha: commit.parent,
        },
      ],
      verification: {
        verified: false,
        reason: "unsigned",
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
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
