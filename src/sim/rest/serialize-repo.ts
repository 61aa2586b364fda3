import type { components } from "@octokit/openapi-types";
import type { SimRepo, SimToken } from "../state.ts";
import { simpleUser } from "./serialize-user.ts";

type FullRepository = components["schemas"]["full-repository"];
type Repository = components["schemas"]["repository"];
type MinimalRepository = components["schemas"]["minimal-repository"];

function can(token: SimToken | undefined, level: "read" | "write"): boolean {
  if (!token) return false;
  const p = token.permissions.contents;
  return level === "read" ? p !== undefined : p === "write";
}

function openIssues(repo: SimRepo): number {
  let n = 0;
  for (const issue of repo.issues) if (issue.state === "open") n++;
  return n;
}

/** The URL templates every repository shape shares. */
function urls(api: string, repo: SimRepo) {
  const url = `${api}/repos/${repo.full_name}`;
  return {
    html_url: `https://github.com/${repo.full_name}`,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.com/${repo.full_name}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.com:${repo.full_name}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `https://github.com/${repo.full_name}.git`,
    hooks_url: `${url}/hooks`,
    svn_url: `https://github.com/${repo.full_name}`,
  };
}

function core(api: string, repo: SimRepo, token?: SimToken) {
  return {
    id: repo.id,
    node_id: repo.node_id,
    name: repo.name,
    full_name: repo.full_name,
    owner: simpleUser(api, repo.owner, "Organization"),
    private: repo.private,
    description: null,
    fork: false,
    ...urls(api, repo),
    mirror_url: null,
    homepage: null,
    language: "TypeScript",
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.default_branch,
    open_issues_count: openIssues(repo),
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    pushed_at: repo.updated_at,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    permissions: {
      admin: false,
      maintain: false,
      push: can(token, "write"),
      triage: can(token, "write"),
      pull: can(token, "read"),
    },
    allow_forking: true,
    web_commit_signoff_required: false,
    forks: 0,
    open_issues: openIssues(repo),
    watchers: 0,
  };
}

/** `GET /repos/{owner}/{repo}`. */
export function fullRepository(api: string, repo: SimRepo, token: SimToken): FullRepository {
  return { ...core(api, repo, token), license: null, network_count: 0, subscribers_count: 0 };
}

/** The `repository` shape (installation repository lists). */
export function repository(api: string, repo: SimRepo, token: SimToken): Repository {
  return { ...core(api, repo, token), license: null };
}

/** The `minimal-repository` shape (inside workflow runs). */
export function minimalRepository(api: string, repo: SimRepo): MinimalRepository {
  return core(api, repo);
}
