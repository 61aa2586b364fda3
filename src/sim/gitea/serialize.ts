/**
 * Response bodies in Gitea's shapes (modules/structs: User, Repository, ActionWorkflowRun),
 * for the fields a client of these endpoints reads. `root` is the server's URL (Gitea's
 * ROOT_URL, without `/api/v1`); `api` is the API root.
 */
import { userId } from "../rest/serialize-user.ts";
import type { SimRepo, SimRun, SimToken } from "../state.ts";

/** A user or organisation as Gitea's `User`. */
export function giteaUser(root: string, login: string, createdAt: string) {
  const id = userId(login);
  return {
    id,
    login,
    login_name: "",
    source_id: 0,
    full_name: "",
    email: `${login.toLowerCase()}@noreply.localhost`,
    avatar_url: `${root}/avatars/${id}`,
    html_url: `${root}/${login}`,
    language: "",
    is_admin: false,
    last_login: createdAt,
    created: createdAt,
    restricted: false,
    active: true,
    prohibit_login: false,
    location: "",
    website: "",
    description: "",
    visibility: "public",
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
    username: login,
  };
}

/** A repository as Gitea's `Repository`; `permissions` are the caller's. */
export function giteaRepository(root: string, api: string, repo: SimRepo, token: SimToken) {
  const write = token.permissions.contents === "write" || token.permissions.actions === "write";
  return {
    id: repo.id,
    owner: giteaUser(root, repo.owner, repo.created_at),
    name: repo.name,
    full_name: repo.full_name,
    description: "",
    empty: false,
    private: repo.private,
    fork: false,
    template: false,
    parent: null,
    mirror: false,
    size: 0,
    language: "",
    html_url: `${root}/${repo.full_name}`,
    url: `${api}/repos/${repo.full_name}`,
    link: "",
    ssh_url: `git@${new URL(root).host}:${repo.full_name}.git`,
    clone_url: `${root}/${repo.full_name}.git`,
    original_url: "",
    website: "",
    stars_count: 0,
    forks_count: 0,
    watchers_count: 0,
    open_issues_count: repo.issues.filter((i) => i.state === "open" && !i.is_pull_request).length,
    open_pr_counter: repo.issues.filter((i) => i.state === "open" && i.is_pull_request).length,
    release_counter: 0,
    default_branch: repo.default_branch,
    archived: repo.archived,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    archived_at: repo.archived ? repo.updated_at : "1970-01-01T00:00:00Z",
    permissions: { admin: false, push: write, pull: true },
    has_issues: true,
    has_wiki: false,
    has_pull_requests: true,
    has_projects: false,
    has_releases: true,
    has_packages: false,
    has_actions: repo.actions_enabled,
    default_merge_style: "merge",
    avatar_url: "",
    internal: false,
    object_format_name: "sha1",
  };
}

/** Gitea reports four run statuses; its conclusion is absent until the run completed. */
function giteaStatus(status: SimRun["status"]): string {
  if (status === "completed" || status === "in_progress" || status === "waiting") return status;
  return "queued";
}

/**
 * A run as Gitea's `ActionWorkflowRun`: `path` is `<file>@<ref>` (Gitea identifies workflows
 * by file name), the web URL uses the run number, there is no `created_at`.
 */
export function giteaRun(root: string, api: string, repo: SimRepo, run: SimRun, file: string) {
  const completed = run.status === "completed";
  return {
    id: run.id,
    url: `${api}/repos/${repo.full_name}/actions/runs/${run.id}`,
    html_url: `${root}/${repo.full_name}/actions/runs/${run.run_number}`,
    display_title: run.name,
    path: `${file}@refs/heads/${run.head_branch}`,
    event: run.event,
    run_attempt: run.run_attempt,
    run_number: run.run_number,
    repository_id: repo.id,
    head_sha: run.head_sha,
    head_branch: run.head_branch,
    status: giteaStatus(run.status),
    ...(completed && run.conclusion ? { conclusion: run.conclusion } : {}),
    started_at: run.created_at,
    ...(completed ? { completed_at: run.updated_at } : {}),
  };
}
