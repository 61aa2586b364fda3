/**
 * The simulator's in-memory model of GitHub: plain data plus a few accessors that keep the
 * indexes and invariants (ids, issue numbers, `updated_at`, timeline events) in one place.
 * The REST handlers (src/sim/rest) and the GraphQL resolvers (src/sim/graphql) both read and
 * write this model, so a change made through one API is visible through the other.
 */
import { createHash } from "node:crypto";
import type { RunConclusion } from "../core/run-conclusions.ts";
import type { SimEventKind } from "./event-kinds.ts";
import type { FaultRule } from "./faults.ts";
import { blobOid, commitOid, treeOid, type GitFileMode, type GitPerson } from "./git-objects.ts";

/** A permission a token can hold, as in a GitHub App installation's permission set. */
export type SimPermissionName =
  | "issues"
  | "pull_requests"
  | "actions"
  | "contents"
  | "metadata"
  | "organization_projects"
  | "repository_projects";

/** An access token and the identity and permissions behind it. */
export interface SimToken {
  /** The secret as sent in `Authorization: Bearer|token <token>`. */
  token: string;
  /** The login requests are made as (comment authors, event actors). */
  login: string;
  kind: "app" | "github_token" | "pat";
  permissions: Partial<Record<SimPermissionName, "read" | "write">>;
  /** `"*"` for every repository, or the `owner/name` list the token is scoped to. */
  repositories: "*" | string[];
  /** Primary rate-limit budget per hour, for REST ("core"); GraphQL gets its own of the same size. */
  hourlyLimit: number;
  /**
   * The GitHub App an installation token was minted from. GitHub counts secondary limits per
   * identity, so every token of one App (one per matrix job) shares one set of them.
   */
  app?: string;
  /**
   * The accounts an App installation is on: ProjectsV2 boards of any other owner (another
   * org, a user) are invisible to it. Undefined: boards of every owner, an admin's reach.
   */
  owners?: string[];
}

/** An organisation. */
export interface SimOrg {
  id: number;
  node_id: string;
  login: string;
}

/** A repository label. */
export interface SimLabel {
  id: number;
  node_id: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

/** An issue or pull-request comment. */
export interface SimComment {
  id: number;
  node_id: string;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}

/** A timeline event. `commented` events point at their comment by `comment_id`. */
export interface SimEvent {
  id: number;
  node_id: string;
  event: SimEventKind;
  /**
   * Who did it (for `committed`, who pushed: the timeline shows the commit's git identities
   * instead); null where GitHub reports no actor, as on a cross-reference from a deleted account.
   */
  actor: string | null;
  created_at: string;
  /** For labeled/unlabeled. */
  label?: string;
  /** For commented. */
  comment_id?: number;
  /** For closed: completed | not_planned | duplicate. */
  state_reason?: string | null;
  /** For renamed. */
  rename?: { from: string; to: string };
  /** For assigned/unassigned: the assignee's login. */
  assignee?: string;
  /** For milestoned/demilestoned: the milestone's title. */
  milestone?: string;
  /** For cross-referenced: the number of the issue, in the same repository, that mentions this one. */
  source?: number;
  /** For committed and referenced: the commit. */
  commit_id?: string;
  /** For committed: its message. */
  message?: string;
}

/** An issue or a pull request: they share one number sequence per repository, as on GitHub. */
export interface SimIssue {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: "completed" | "not_planned" | "reopened" | "duplicate" | null;
  locked: boolean;
  /** Label names, in the order they were added. */
  labels: string[];
  /** Author login. */
  user: string;
  is_pull_request: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  comments: SimComment[];
  events: SimEvent[];
  /** Assignee logins, in the order they were assigned. */
  assignees: string[];
  /** A pull request's own data; present exactly when `is_pull_request`. */
  pull?: SimPull;
}

/** What a pull request has beyond an issue. */
export interface SimPull {
  /** The head branch's name (same repository). */
  head: string;
  /** The head branch's commit when the pull request was last updated. */
  head_sha: string;
  /** The base branch's name. */
  base: string;
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  /** Logins asked for a review, in request order. */
  requested_reviewers: string[];
  /** Team slugs asked for a review. */
  requested_teams: string[];
  /**
   * Logins that submitted a review, oldest first (GitHub drops a reviewer's request once they
   * review, so a login is in one list or the other).
   */
  reviewed_by: string[];
  maintainer_can_modify: boolean;
}

/** A workflow file as the Actions API reports it. */
export interface SimWorkflow {
  id: number;
  node_id: string;
  name: string;
  /** `.github/workflows/<file>` */
  path: string;
  state: "active" | "deleted" | "disabled_manually" | "disabled_inactivity";
  created_at: string;
  updated_at: string;
  /** Inputs of the `workflow_dispatch` trigger; `null` when the workflow has no such trigger. */
  dispatchInputs: Record<string, { required?: boolean }> | null;
  /** The last `run_number` handed out. */
  lastRunNumber: number;
}

/** The conclusions GitHub reports for completed runs. */
export type SimConclusion = RunConclusion;

/** A workflow run. */
export interface SimRun {
  id: number;
  node_id: string;
  workflow_id: number;
  name: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: SimConclusion | null;
  event: string;
  head_branch: string;
  head_sha: string;
  actor: string;
  check_suite_id: number;
  run_number: number;
  run_attempt: number;
  created_at: string;
  updated_at: string;
}

/**
 * A file on a branch; `sha` is the git blob sha-1 of its bytes. Text files keep only
 * `content`; a file whose bytes are not UTF-8 also keeps them in `bytes` (its `content` is
 * then a lossy decoding, for callers that only ever read text).
 */
export interface SimFile {
  content: string;
  sha: string;
  /** Absent means a regular file, "100644". */
  mode?: GitFileMode;
  bytes?: Buffer;
}

/** A commit's author or committer; `login` is the GitHub account the email belongs to. */
export interface SimPerson extends GitPerson {
  login?: string;
}

/** What git and GitHub know about a commit besides its files. */
export interface SimCommit {
  oid: string;
  /** The root tree's id. */
  tree: string;
  message: string;
  /** Parent commit ids; empty for a root commit. */
  parents: string[];
  author: SimPerson;
  committer: SimPerson;
  /** Null for an unsigned commit. */
  signature: { verified: boolean; wasSignedByGitHub: boolean; signer?: string } | null;
}

/**
 * A branch rule, as one rule of a GitHub ruleset targeting branches: the branches whose name
 * matches `pattern` (fnmatch: `*` stays within a path segment, `**` crosses them) refuse the
 * pushes the flags restrict.
 */
export interface SimBranchRule {
  pattern: string;
  creation?: boolean;
  update?: boolean;
  deletion?: boolean;
  non_fast_forward?: boolean;
}

/** A branch: the commit it points at and the files of that commit. */
export interface SimBranch {
  /** Commit sha the ref points at. */
  sha: string;
  files: Map<string, SimFile>;
}

/** A received repository_dispatch event. */
export interface SimRepositoryDispatch {
  event_type: string;
  client_payload: Record<string, unknown>;
  actor: string;
  created_at: string;
}

/** A received workflow_dispatch event. */
export interface SimWorkflowDispatch {
  workflow_id: number;
  ref: string;
  inputs: Record<string, unknown>;
  actor: string;
  created_at: string;
  run_id: number;
}

/** An Actions cache entry. */
export interface SimCache {
  id: number;
  ref: string;
  key: string;
  version: string;
  size_in_bytes: number;
  created_at: string;
  last_accessed_at: string;
}

/** A repository. */
export interface SimRepo {
  id: number;
  node_id: string;
  owner: string;
  name: string;
  full_name: string;
  private: boolean;
  archived: boolean;
  default_branch: string;
  actions_enabled: boolean;
  created_at: string;
  updated_at: string;
  /** Issues and pull requests; `issues[n - 1]` is number `n` (numbers are dense, from 1). */
  issues: SimIssue[];
  labels: SimLabel[];
  workflows: SimWorkflow[];
  /**
   * Workflow runs by id, in creation order (ascending `created_at`, then id): listing walks it
   * backwards for GitHub's newest-first order and deleting stays O(1).
   */
  runs: Map<number, SimRun>;
  branches: Map<string, SimBranch>;
  /** Every commit ever made, so a ref can be created at any of them: its files by path. */
  commits: Map<string, Map<string, SimFile>>;
  /** Every commit's message, parents, identities and signature, by oid. */
  commitInfo: Map<string, SimCommit>;
  /** Branch rules (rulesets); empty when nothing is restricted. */
  rules: SimBranchRule[];
  dispatches: { repository: SimRepositoryDispatch[]; workflow: SimWorkflowDispatch[] };
  /** Actions caches, in the order they were saved. */
  caches: SimCache[];
}

/** A single-select field of a ProjectsV2 board. */
export interface SimProjectField {
  id: string;
  name: string;
  dataType: "SINGLE_SELECT";
  options: { id: string; name: string }[];
}

/** An item on a board. */
export interface SimProjectItem {
  id: string;
  /** Node id of the issue or pull request. */
  contentNodeId: string;
  archived: boolean;
  /** Single-select values: field id -> option id. */
  fieldValues: Record<string, string>;
  created_at: string;
  updated_at: string;
  /** Who added it (`ProjectV2Item.creator`): how fleet tells its own items from others'. */
  creator?: string;
}

/** A ProjectsV2 board owned by an organisation. */
export interface SimProject {
  /** Node id. */
  id: string;
  databaseId: number;
  number: number;
  /** Owning organisation login. */
  owner: string;
  title: string;
  closed: boolean;
  fields: SimProjectField[];
  /** In the order they were added. Add with addProjectItem, which keeps `itemByContent` in step. */
  items: SimProjectItem[];
  /** Each item by its content's node id (content is on a board at most once). */
  itemByContent: Map<string, SimProjectItem>;
}

/** Where an issue lives, for node-id lookups. */
export interface SimIssueRef {
  repo: SimRepo;
  issue: SimIssue;
}

/** The simulator's clock: milliseconds since the epoch, movable by tests. */
export interface SimClock {
  now(): number;
  /** Moves time forward (a frozen clock stays at the new time). */
  advance(ms: number): void;
}

/** The whole simulated world. */
export interface SimState {
  /** The moment the scenario describes ("now" when it was built); the sim clock starts here. */
  now: number;
  /** Seed for everything random in the server (fault probabilities, latency). */
  seed: number;
  orgs: Map<string, SimOrg>;
  /** Keyed by lowercased `owner/name`. */
  repos: Map<string, SimRepo>;
  tokens: Map<string, SimToken>;
  /** The token with every permission on every repository (what `fleet sim` prints). */
  adminToken: string;
  projects: SimProject[];
  /** Issue and pull-request node ids -> where they live. */
  issueNodes: Map<string, SimIssueRef>;
  /** The next unique id (deterministic counter). */
  nextId(): number;
  /** Fault rules the server starts with (a scenario's `faults:`). */
  faultRules?: FaultRule[];
}

/** A GitHub-style timestamp (`2026-06-01T00:00:00Z`, no milliseconds). */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** The git blob sha-1 of a text (as UTF-8) or of bytes, as `git hash-object` computes it. */
export function blobSha(content: string | Buffer): string {
  return blobOid(content);
}

/** A file's bytes. */
export function fileBytes(file: SimFile): Buffer {
  return file.bytes ?? Buffer.from(file.content, "utf8");
}

/** Whether bytes are UTF-8 text (they survive decoding and encoding unchanged). */
export function isUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes);
}

/** A file of some bytes (a string is UTF-8 text); binary bytes are kept as they are. */
export function makeFile(content: string | Buffer, mode?: GitFileMode): SimFile {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const file: SimFile = { content: bytes.toString("utf8"), sha: blobOid(bytes) };
  if (!isUtf8(bytes)) file.bytes = Buffer.from(bytes);
  if (mode !== undefined && mode !== "100644") file.mode = mode;
  return file;
}

/** A node id in GitHub's style (`I_kwDO...`): a type prefix and an opaque, unique suffix. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`fleet-sim:${id}`).toString("base64url")}`;
}

/** An empty world whose ids count from 1. */
export function createState(options: { now: number; seed?: number }): SimState {
  let counter = 0;
  return {
    now: options.now,
    seed: options.seed ?? 1,
    orgs: new Map(),
    repos: new Map(),
    tokens: new Map(),
    adminToken: "",
    projects: [],
    issueNodes: new Map(),
    nextId: () => ++counter,
  };
}

/** Key of `repos` for an owner and name. */
export function repoKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

/** Adds (or returns the existing) organisation. */
export function addOrg(state: SimState, login: string): SimOrg {
  const existing = state.orgs.get(login.toLowerCase());
  if (existing) return existing;
  const id = state.nextId();
  const org: SimOrg = { id, node_id: nodeId("O", id), login };
  state.orgs.set(login.toLowerCase(), org);
  return org;
}

/** Adds a repository with an initial commit on its default branch. */
export function addRepo(
  state: SimState,
  init: {
    owner: string;
    name: string;
    private?: boolean;
    archived?: boolean;
    default_branch?: string;
    created_at: string;
  },
): SimRepo {
  addOrg(state, init.owner);
  const id = state.nextId();
  const default_branch = init.default_branch ?? "main";
  const repo: SimRepo = {
    id,
    node_id: nodeId("R", id),
    owner: init.owner,
    name: init.name,
    full_name: `${init.owner}/${init.name}`,
    private: init.private ?? false,
    archived: init.archived ?? false,
    default_branch,
    actions_enabled: true,
    created_at: init.created_at,
    updated_at: init.created_at,
    issues: [],
    labels: [],
    workflows: [],
    runs: new Map(),
    branches: new Map(),
    commits: new Map(),
    commitInfo: new Map(),
    rules: [],
    dispatches: { repository: [], workflow: [] },
    caches: [],
  };
  const files = new Map<string, SimFile>([["README.md", makeFile(`# ${init.name}\n`)]]);
  const sha = recordCommit(repo, files, "Initial commit", [], { at: init.created_at });
  repo.branches.set(default_branch, { sha, files });
  state.repos.set(repoKey(init.owner, init.name), repo);
  return repo;
}

/** The repository `owner/name` (case-insensitive), if it exists. */
export function getRepo(state: SimState, owner: string, name: string): SimRepo | undefined {
  return state.repos.get(repoKey(owner, name));
}

/** Issue or pull request number `n`, if it exists. */
export function getIssue(repo: SimRepo, number: number): SimIssue | undefined {
  if (!Number.isInteger(number) || number < 1) return undefined;
  return repo.issues[number - 1];
}

/** The issue or pull request with this node id, and its repository. */
export function findIssueByNodeId(state: SimState, id: string): SimIssueRef | undefined {
  return state.issueNodes.get(id);
}

/** The repository label with this name (case-insensitive, as GitHub matches them). */
export function getLabel(repo: SimRepo, name: string): SimLabel | undefined {
  const lower = name.toLowerCase();
  return repo.labels.find((l) => l.name.toLowerCase() === lower);
}

/** Adds a repository label; callers check for duplicates first. */
export function addLabel(
  state: SimState,
  repo: SimRepo,
  init: { name: string; color?: string; description?: string | null },
): SimLabel {
  const id = state.nextId();
  const label: SimLabel = {
    id,
    node_id: nodeId("LA", id),
    name: init.name,
    color: init.color ?? "ededed",
    description: init.description ?? null,
    default: false,
  };
  repo.labels.push(label);
  return label;
}

/** Creates an issue (or pull request) with the next number. */
export function addIssue(
  state: SimState,
  repo: SimRepo,
  init: {
    title: string;
    body?: string | null;
    user: string;
    created_at: string;
    is_pull_request?: boolean;
    labels?: string[];
    /** A pull request's data; what is left out gets a default (see defaultPull). */
    pull?: Partial<SimPull>;
  },
): SimIssue {
  const id = state.nextId();
  const issue: SimIssue = {
    id,
    node_id: nodeId(init.is_pull_request ? "PR" : "I", id),
    number: repo.issues.length + 1,
    title: init.title,
    body: init.body ?? null,
    state: "open",
    state_reason: null,
    locked: false,
    labels: [],
    user: init.user,
    is_pull_request: init.is_pull_request ?? false,
    created_at: init.created_at,
    updated_at: init.created_at,
    closed_at: null,
    closed_by: null,
    comments: [],
    events: [],
    assignees: [],
  };
  if (issue.is_pull_request) issue.pull = defaultPull(repo, issue.number, init.pull);
  repo.issues.push(issue);
  state.issueNodes.set(issue.node_id, { repo, issue });
  for (const name of init.labels ?? [])
    addIssueLabel(state, repo, issue, name, init.user, init.created_at);
  return issue;
}

function pushEvent(
  state: SimState,
  issue: SimIssue,
  event: Omit<SimEvent, "id" | "node_id">,
): SimEvent {
  const id = state.nextId();
  const full: SimEvent = { id, node_id: nodeId("E", id), ...event };
  issue.events.push(full);
  issue.updated_at = event.created_at;
  return full;
}

/** The detail each kind of event needs; an event recorded without it is a fixture bug. */
const detailOf: Partial<Record<SimEventKind, keyof Omit<SimEvent, "id" | "node_id">>> = {
  labeled: "label",
  unlabeled: "label",
  commented: "comment_id",
  renamed: "rename",
  assigned: "assignee",
  unassigned: "assignee",
  milestoned: "milestone",
  demilestoned: "milestone",
  "cross-referenced": "source",
  committed: "commit_id",
  referenced: "commit_id",
};

/**
 * Records an event of any kind on an issue's timeline, for the kinds the model has no verb of
 * its own for (a rename, an assignment, a board automation...). It changes nothing else:
 * the event is what a client reads, not a change the simulator acts on.
 */
export function addIssueEvent(
  state: SimState,
  issue: SimIssue,
  event: Omit<SimEvent, "id" | "node_id">,
): SimEvent {
  const needed = detailOf[event.event];
  if (needed && event[needed] === undefined)
    throw new Error(`a ${event.event} event needs its ${needed}`);
  if (event.event === "cross-referenced" && event.source === issue.number)
    throw new Error("an issue cannot cross-reference itself");
  return pushEvent(state, issue, event);
}

/**
 * Puts a label on an issue (creating the repository label when missing, as GitHub's "add
 * labels" does) and records a `labeled` event. Returns false when it was already there.
 */
export function addIssueLabel(
  state: SimState,
  repo: SimRepo,
  issue: SimIssue,
  name: string,
  actor: string,
  at: string,
): boolean {
  const label = getLabel(repo, name) ?? addLabel(state, repo, { name });
  if (issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) return false;
  issue.labels.push(label.name);
  pushEvent(state, issue, { event: "labeled", actor, created_at: at, label: label.name });
  return true;
}

/** Takes a label off an issue with an `unlabeled` event. Returns false when it was not there. */
export function removeIssueLabel(
  state: SimState,
  issue: SimIssue,
  name: string,
  actor: string,
  at: string,
): boolean {
  const index = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
  if (index < 0) return false;
  const [removed] = issue.labels.splice(index, 1);
  pushEvent(state, issue, { event: "unlabeled", actor, created_at: at, label: removed });
  return true;
}

/** Adds a comment and its `commented` timeline event. */
export function addComment(
  state: SimState,
  issue: SimIssue,
  body: string,
  user: string,
  at: string,
): SimComment {
  const id = state.nextId();
  const comment: SimComment = {
    id,
    node_id: nodeId("IC", id),
    body,
    user,
    created_at: at,
    updated_at: at,
  };
  issue.comments.push(comment);
  pushEvent(state, issue, { event: "commented", actor: user, created_at: at, comment_id: id });
  return comment;
}

/** Closes an open issue with a reason and a `closed` event; no-op when already closed. */
export function closeIssue(
  state: SimState,
  issue: SimIssue,
  reason: "completed" | "not_planned" | "duplicate",
  actor: string,
  at: string,
): void {
  if (issue.state === "closed") {
    if (issue.state_reason !== reason) {
      issue.state_reason = reason;
      issue.updated_at = at;
    }
    return;
  }
  issue.state = "closed";
  issue.state_reason = reason;
  issue.closed_at = at;
  issue.closed_by = actor;
  pushEvent(state, issue, { event: "closed", actor, created_at: at, state_reason: reason });
}

/** Reopens a closed issue with a `reopened` event; no-op when already open. */
export function reopenIssue(state: SimState, issue: SimIssue, actor: string, at: string): void {
  if (issue.state === "open") return;
  issue.state = "open";
  issue.state_reason = "reopened";
  issue.closed_at = null;
  issue.closed_by = null;
  pushEvent(state, issue, { event: "reopened", actor, created_at: at });
}

/** Adds a workflow. */
export function addWorkflow(
  state: SimState,
  repo: SimRepo,
  init: {
    name: string;
    file: string;
    state?: SimWorkflow["state"];
    created_at: string;
    dispatchInputs?: SimWorkflow["dispatchInputs"];
  },
): SimWorkflow {
  const id = state.nextId();
  const workflow: SimWorkflow = {
    id,
    node_id: nodeId("W", id),
    name: init.name,
    path: `.github/workflows/${init.file}`,
    state: init.state ?? "active",
    created_at: init.created_at,
    updated_at: init.created_at,
    dispatchInputs: init.dispatchInputs ?? null,
    lastRunNumber: 0,
  };
  repo.workflows.push(workflow);
  return workflow;
}

/**
 * Adds a run. Runs must be added in ascending `created_at` order (the listing relies on it);
 * the scenario builder sorts before adding and the server only adds runs at "now".
 */
export function addRun(
  state: SimState,
  repo: SimRepo,
  init: {
    workflow: SimWorkflow;
    status?: SimRun["status"];
    conclusion?: SimConclusion | null;
    event?: string;
    head_branch?: string;
    actor?: string;
    created_at: string;
    updated_at?: string;
  },
): SimRun {
  const id = state.nextId();
  const status = init.status ?? "completed";
  const run: SimRun = {
    id,
    node_id: nodeId("WFR", id),
    workflow_id: init.workflow.id,
    name: init.workflow.name,
    status,
    conclusion: status === "completed" ? (init.conclusion ?? "success") : null,
    event: init.event ?? "push",
    head_branch: init.head_branch ?? repo.default_branch,
    head_sha: createHash("sha1").update(`run:${id}`).digest("hex"),
    actor: init.actor ?? "fleet-bot",
    check_suite_id: state.nextId(),
    run_number: ++init.workflow.lastRunNumber,
    run_attempt: 1,
    created_at: init.created_at,
    updated_at: init.updated_at ?? init.created_at,
  };
  repo.runs.set(id, run);
  return run;
}

/**
 * Takes a workflow dispatch as GitHub and Gitea do once it is accepted: queues a run of
 * `workflow` on `branch`, by `actor`, and records the dispatch with that run's id.
 */
export function queueWorkflowDispatch(
  state: SimState,
  repo: SimRepo,
  workflow: SimWorkflow,
  d: { ref: string; branch: string; inputs: Record<string, unknown>; actor: string; at: string },
): SimRun {
  const run = addRun(state, repo, {
    workflow,
    status: "queued",
    event: "workflow_dispatch",
    head_branch: d.branch,
    actor: d.actor,
    created_at: d.at,
  });
  repo.dispatches.workflow.push({
    workflow_id: workflow.id,
    ref: d.ref,
    inputs: d.inputs,
    actor: d.actor,
    created_at: d.at,
    run_id: run.id,
  });
  return run;
}

/** The workflow with this id or file name (`cd.yml`), if any. */
export function getWorkflow(repo: SimRepo, idOrFile: string | number): SimWorkflow | undefined {
  const asNumber = typeof idOrFile === "number" ? idOrFile : Number(idOrFile);
  if (Number.isInteger(asNumber) && asNumber > 0)
    return repo.workflows.find((w) => w.id === asNumber);
  return repo.workflows.find((w) => w.path.split("/").pop() === idOrFile);
}

/** How a commit is made: who, when, signed or not; the defaults describe a scenario's commit. */
export interface CommitOptions {
  /** Author and commit time (default: the repository's `updated_at`). */
  at?: string;
  author?: Omit<SimPerson, "date">;
  committer?: Omit<SimPerson, "date">;
  signature?: SimCommit["signature"];
}

/** Who made the commits a scenario or fixture starts with. */
export const SCENARIO_AUTHOR: Omit<SimPerson, "date"> = {
  name: "fleet-sim",
  email: "fleet-sim@users.noreply.github.com",
};

/**
 * The identities of a commit made on GitHub's side for `login` (the web editor, the contents
 * API, `createCommitOnBranch`): authored by the account, committed and signed by GitHub, as
 * the schema's description of createCommitOnBranch says ("authored by the owner of the
 * credential", "committer identical to that of commits authored using the web interface",
 * "automatically signed by GitHub").
 */
export function webCommitOptions(login: string, at: string): CommitOptions {
  return {
    at,
    author: { name: login, email: `${login}@users.noreply.github.com`, login },
    committer: { name: "GitHub", email: "noreply@github.com", login: "web-flow" },
    signature: { verified: true, wasSignedByGitHub: true, signer: "web-flow" },
  };
}

/** Stores a commit of `files` with its metadata and returns its oid. */
export function recordCommit(
  repo: SimRepo,
  files: Map<string, SimFile>,
  message: string,
  parents: string[],
  options: CommitOptions = {},
): string {
  const date = options.at ?? repo.updated_at;
  const author: SimPerson = { ...(options.author ?? SCENARIO_AUTHOR), date };
  const committer: SimPerson = {
    ...(options.committer ?? options.author ?? SCENARIO_AUTHOR),
    date,
  };
  const tree = treeOid(files);
  const oid = commitOid({ tree, parents, author, committer, message });
  repo.commits.set(oid, files);
  repo.commitInfo.set(oid, {
    oid,
    tree,
    message,
    parents,
    author,
    committer,
    signature: options.signature ?? null,
  });
  return oid;
}

/** Commits a new version of a branch's files on top of its head and moves the branch to it. */
export function commitFiles(
  repo: SimRepo,
  branch: SimBranch,
  files: Map<string, SimFile>,
  message: string,
  options: CommitOptions = {},
): string {
  const sha = recordCommit(repo, files, message, [branch.sha], options);
  branch.sha = sha;
  branch.files = files;
  return sha;
}

/** A pull request's data with defaults: a branch named after its number, onto the default branch. */
function defaultPull(repo: SimRepo, number: number, given: Partial<SimPull> = {}): SimPull {
  const base = given.base ?? repo.default_branch;
  return {
    head: `pr-${number}`,
    head_sha:
      given.head_sha ??
      repo.branches.get(given.head ?? "")?.sha ??
      repo.branches.get(base)?.sha ??
      "",
    base,
    draft: false,
    merged: false,
    merged_at: null,
    requested_reviewers: [],
    requested_teams: [],
    reviewed_by: [],
    maintainer_can_modify: false,
    ...given,
  };
}

/** Adds a ProjectsV2 board with a single-select "Status" field. */
export function addProject(
  state: SimState,
  init: { owner: string; number: number; title: string; statusOptions: string[] },
): SimProject {
  const databaseId = state.nextId();
  const fieldId = state.nextId();
  const project: SimProject = {
    id: nodeId("PVT", databaseId),
    databaseId,
    number: init.number,
    owner: init.owner,
    title: init.title,
    closed: false,
    fields: [
      {
        id: nodeId("PVTSSF", fieldId),
        name: "Status",
        dataType: "SINGLE_SELECT",
        options: init.statusOptions.map((name) => ({
          id: createHash("sha1").update(`${fieldId}:${name}`).digest("hex").slice(0, 8),
          name,
        })),
      },
    ],
    items: [],
    itemByContent: new Map(),
  };
  state.projects.push(project);
  return project;
}

/** Puts an issue on a board (returns the existing item when it is already there). */
export function addProjectItem(
  state: SimState,
  project: SimProject,
  contentNodeId: string,
  at: string,
  creator?: string,
): SimProjectItem {
  const existing = project.itemByContent.get(contentNodeId);
  if (existing) return existing;
  const id = state.nextId();
  const item: SimProjectItem = {
    id: nodeId("PVTI", id),
    contentNodeId,
    archived: false,
    fieldValues: {},
    created_at: at,
    updated_at: at,
    ...(creator !== undefined && { creator }),
  };
  project.items.push(item);
  project.itemByContent.set(contentNodeId, item);
  return item;
}

/** The board `number` of organisation `owner`, if any. */
export function getProject(state: SimState, owner: string, number: number): SimProject | undefined {
  const lower = owner.toLowerCase();
  return state.projects.find((p) => p.owner.toLowerCase() === lower && p.number === number);
}

/** The boards an issue is on (non-archived items only). */
export function projectsOfIssue(state: SimState, contentNodeId: string): SimProject[] {
  return state.projects.filter((p) => {
    const item = p.itemByContent.get(contentNodeId);
    return item !== undefined && !item.archived;
  });
}

/** Whether `token` may see a board: one owned by an account its installation is on. */
export function tokenCanSeeProject(token: SimToken, project: SimProject): boolean {
  if (token.owners === undefined) return true;
  const owner = project.owner.toLowerCase();
  return token.owners.some((o) => o.toLowerCase() === owner);
}

/** Whether `token` may see repository `fullName`. */
export function tokenCanSee(token: SimToken, fullName: string): boolean {
  if (token.repositories === "*") return true;
  const lower = fullName.toLowerCase();
  return token.repositories.some((r) => r.toLowerCase() === lower);
}

/** Every permission a GitHub App installation can be given here, at write level. */
export const allPermissions: Record<SimPermissionName, "write"> = {
  issues: "write",
  pull_requests: "write",
  actions: "write",
  contents: "write",
  metadata: "write",
  organization_projects: "write",
  repository_projects: "write",
};

/**
 * Registers a token; the first `admin` token becomes `state.adminToken`. A field given as
 * `undefined` is refused rather than spread over its default: an undefined `hourlyLimit`
 * would answer `x-ratelimit-limit: undefined` and never limit the token.
 */
export function addToken(
  state: SimState,
  init: Partial<SimToken> & { token: string; login: string },
): SimToken {
  const unset = Object.keys(init).filter((k) => init[k as keyof SimToken] === undefined);
  if (unset.length > 0)
    throw new Error(`token ${init.login}: ${unset.join(", ")} given as undefined; omit it instead`);
  if (
    init.hourlyLimit !== undefined &&
    !(Number.isInteger(init.hourlyLimit) && init.hourlyLimit > 0)
  )
    throw new Error(
      `token ${init.login}: hourlyLimit must be a positive integer, not ${init.hourlyLimit}`,
    );
  const token: SimToken = {
    kind: "app",
    permissions: { ...allPermissions },
    repositories: "*",
    hourlyLimit: 5000,
    ...init,
  };
  state.tokens.set(token.token, token);
  if (state.adminToken === "" && token.repositories === "*") state.adminToken = token.token;
  return token;
}
