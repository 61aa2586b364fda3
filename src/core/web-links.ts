/** GitHub's web root, for a run that is not on a runner (the CLI, tests). */
const GITHUB_WEB = "https://github.com";

/**
 * The web root every link in a job summary is built on: the runner's `GITHUB_SERVER_URL`
 * (github.com, an Enterprise Server host, or a Gitea server), never a hard-coded github.com.
 */
export function webRoot(env: NodeJS.ProcessEnv): string {
  return (env.GITHUB_SERVER_URL || GITHUB_WEB).replace(/\/+$/, "");
}

/** Links to the pages of one web root. */
export interface WebLinks {
  root: string;
  repository(fullName: string): string;
  issue(fullName: string, number: number): string;
  pull(fullName: string, number: number): string;
  /** An organization's ProjectsV2 board. */
  board(org: string, number: number): string;
  workflowRun(fullName: string, runId: number | string): string;
}

/** The links of the web root `root` (see webRoot). */
export function webLinks(root: string): WebLinks {
  const web = root.replace(/\/+$/, "");
  return {
    root: web,
    repository: (fullName) => `${web}/${fullName}`,
    issue: (fullName, number) => `${web}/${fullName}/issues/${number}`,
    pull: (fullName, number) => `${web}/${fullName}/pull/${number}`,
    board: (org, number) => `${web}/orgs/${org}/projects/${number}`,
    workflowRun: (fullName, runId) => `${web}/${fullName}/actions/runs/${runId}`,
  };
}
