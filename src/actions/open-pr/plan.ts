import { createHash } from "node:crypto";
import type { ChangedFile } from "./working-tree.ts";

/** What the pull request should say and carry, from the inputs. */
export interface ProposalSettings {
  changeId: string;
  /** `fleet/<change-id>`. */
  branch: string;
  title: string;
  /** The body as the caller wrote it, before fleet's footer. */
  body: string;
  commitMessage: string;
  labels: string[];
  assignees: string[];
  reviewers: string[];
  teamReviewers: string[];
  draft: boolean;
}

/** The change to propose, read from the checkout and checked. */
export interface LocalChange {
  /** The commit the checkout is at. */
  headOid: string;
  files: ChangedFile[];
}

/** A pull request of the change's branch, as read. */
export interface PullState {
  id: string;
  number: number;
  state: "OPEN" | "CLOSED" | "MERGED";
  title: string;
  body: string;
  isDraft: boolean;
  headOid: string;
  labels: string[];
  assignees: string[];
  /** Logins asked for a review, or who reviewed. */
  askedOrReviewed: string[];
  /** Team slugs asked for a review. */
  teamsAsked: string[];
  /** Whether anyone reviewed. */
  reviewed: boolean;
  /** Whether fleet's closing comment is already on it (a close cut short after the comment). */
  hasCloseComment: boolean;
}

/** The change's branch on the target, as read. */
export interface BranchState {
  /** Node id of the ref. */
  id: string;
  oid: string;
  /** Commits on it that the base does not have. */
  ahead: number;
  /** The digest of the change fleet committed at its head; null when its head is not fleet's. */
  fleetDigest: string | null;
}

/** What the plan reads from the target. */
export interface Snapshot {
  repositoryId: string;
  base: { name: string; oid: string };
  branch: BranchState | null;
  /** The newest pull request of the branch in this repository, open or closed. */
  pull: PullState | null;
  /** The base's blob of each changed file (null: no such file), in `files` order. */
  baseBlobs: (string | null)[];
}

/** One write. The pull request's number is the writer's to know after `open`. */
export type Change =
  | { kind: "commit"; branch: "create" | "reset"; baseOid: string; files: ChangedFile[] }
  | { kind: "open"; title: string; body: string; draft: boolean }
  | { kind: "edit"; title?: string; body?: string }
  | { kind: "draft"; draft: boolean }
  | { kind: "tag"; labels: string[]; assignees: string[] }
  | { kind: "review"; reviewers: string[]; teamReviewers: string[] }
  | { kind: "close"; comment: boolean }
  | { kind: "delete-branch"; refId: string };

/** What the run did, as the `operation` output says it. */
export type Operation = "created" | "updated" | "unchanged" | "closed" | "none";

export interface ProposalPlan {
  changes: Change[];
  operation: Operation;
  /** The files the commit changes against the base (0 when the base already has the change). */
  files: ChangedFile[];
  /** The change's digest, as its commit's trailer records it. */
  digest: string;
  warnings: string[];
  /** What was read, for the writes (the branch's ref, the pull request). */
  snapshot: Snapshot;
}

/**
 * The digest of a change: every path with the blob it ends as (or its deletion). Two runs
 * whose commands produced the same files have the same digest, wherever their checkouts were.
 */
export function changeDigest(files: readonly ChangedFile[]): string {
  const hash = createHash("sha256");
  for (const f of files) hash.update(`${f.path}\0${f.newOid ?? "-"}\n`);
  return hash.digest("hex").slice(0, 40);
}

/** The trailers of fleet's commit: how a rerun knows the head is its own, and of which diff. */
export function commitTrailers(changeId: string, digest: string): string {
  return `Fleet-Change: ${changeId}\nFleet-Diff: ${digest}`;
}

/** The digest in a commit message's trailers when they name `changeId`; null otherwise. */
export function trailerDigest(message: string, changeId: string): string | null {
  const change = /^Fleet-Change: (.+)$/m.exec(message)?.[1];
  const diff = /^Fleet-Diff: ([0-9a-f]{40})$/m.exec(message)?.[1];
  return change === changeId && diff ? diff : null;
}

/**
 * Files whose base blob is neither what the checkout started from nor what the change makes:
 * someone changed them on the base after the checkout, and committing the checkout's copy
 * would undo that.
 */
export function movedUnder(change: LocalChange, baseBlobs: readonly (string | null)[]): string[] {
  return change.files
    .filter((f, i) => baseBlobs[i] !== f.oldOid && baseBlobs[i] !== f.newOid)
    .map((f) => f.path);
}

const missing = (wanted: readonly string[], present: readonly string[]) => {
  const have = new Set(present.map((p) => p.toLowerCase()));
  return wanted.filter((w) => !have.has(w.toLowerCase()));
};

/** The pull request's body, with fleet's footer. */
export interface BodyParts {
  /**
   * The body up to the line naming the run, which changes every run: a body that starts
   * with it needs no edit.
   */
  stable: string;
  /** The whole body, naming this run. */
  full: string;
}

/** Whether a person pushed to the branch: a commit on it that fleet did not make. */
function touchedByPerson(branch: BranchState): boolean {
  return branch.ahead > 1 || (branch.ahead === 1 && branch.fleetDigest === null);
}

/**
 * What to do on the target: pure, from the change, what was read and the settings.
 *
 * - The base already has every file as the change makes it: nothing to propose; an open PR
 *   of fleet's for the change is closed with a comment that says why, and its branch deleted.
 * - The branch is absent or holds nothing of anyone's: it is (re)made from the base with the
 *   one commit. Its head is fleet's commit of the same diff: no commit. Of another diff: the
 *   branch is reset onto the current base and the commit replaced.
 * - A person pushed to the branch: nothing is touched, and the row says so.
 * - The pull request is opened, or brought in line (title, body, labels and assignees added;
 *   draft again only with a new commit, so that a person's "ready for review" is not undone;
 *   reviewers: all again with a new commit, else those never asked and not yet reviewing). A PR a person closed is not reopened
 *   while the change is the same.
 */
export function planProposal(
  change: LocalChange,
  snapshot: Snapshot,
  settings: ProposalSettings,
  body: (files: readonly ChangedFile[]) => BodyParts,
): ProposalPlan {
  const files = change.files.filter((f, i) => snapshot.baseBlobs[i] !== f.newOid);
  const digest = changeDigest(change.files);
  const { branch } = snapshot;
  const open = snapshot.pull?.state === "OPEN" ? snapshot.pull : null;
  const plan = (changes: Change[], operation: Operation, warnings: string[] = []) => ({
    changes,
    operation,
    files,
    digest,
    warnings,
    snapshot,
  });
  const personal = branch !== null && touchedByPerson(branch);
  const personWarning = `someone pushed to ${settings.branch} (${branch?.ahead ?? 0} commits ahead of ${snapshot.base.name}, head ${branch?.oid.slice(0, 7)} ${branch?.fleetDigest ? "is" : "is not"} fleet's): left alone; delete the branch or merge the pull request to let fleet propose again`;

  if (files.length === 0) {
    if (personal) return plan([], open ? "unchanged" : "none", [personWarning]);
    const drop: Change[] = branch ? [{ kind: "delete-branch", refId: branch.id }] : [];
    if (open) return plan([{ kind: "close", comment: !open.hasCloseComment }, ...drop], "closed");
    return plan(drop, "none");
  }
  if (personal) return plan([], open ? "unchanged" : "none", [personWarning]);

  const changes: Change[] = [];
  const sameCommit = branch !== null && branch.ahead === 1 && branch.fleetDigest === digest;
  if (!sameCommit) {
    changes.push({
      kind: "commit",
      branch: branch ? "reset" : "create",
      baseOid: snapshot.base.oid,
      files,
    });
  }
  const parts = body(files);
  const closedByPerson =
    snapshot.pull?.state === "CLOSED" && sameCommit && snapshot.pull.headOid === branch?.oid;
  if (closedByPerson) {
    return plan(changes, "unchanged", [
      `pull request #${snapshot.pull?.number} for this change was closed without merging: not reopened while the change stays the same`,
    ]);
  }
  if (!open) {
    changes.push({ kind: "open", title: settings.title, body: parts.full, draft: settings.draft });
    if (settings.labels.length + settings.assignees.length > 0)
      changes.push({ kind: "tag", labels: settings.labels, assignees: settings.assignees });
    if (settings.reviewers.length + settings.teamReviewers.length > 0)
      changes.push({
        kind: "review",
        reviewers: settings.reviewers,
        teamReviewers: settings.teamReviewers,
      });
    return plan(changes, "created");
  }

  const edit: { title?: string; body?: string } = {};
  if (open.title !== settings.title) edit.title = settings.title;
  if (!sameCommit || !open.body.startsWith(parts.stable)) edit.body = parts.full;
  if (edit.title !== undefined || edit.body !== undefined) changes.push({ kind: "edit", ...edit });
  // Before the commit: a rerun sets the draft state again only while the commit is still to be
  // replaced, so a draft change that failed after the commit landed would never be made.
  if (!sameCommit && open.isDraft !== settings.draft)
    changes.unshift({ kind: "draft", draft: settings.draft });
  const labels = missing(settings.labels, open.labels);
  const assignees = missing(settings.assignees, open.assignees);
  if (labels.length + assignees.length > 0) changes.push({ kind: "tag", labels, assignees });
  // A new commit asks every reviewer again; otherwise only those never asked (a request that
  // failed last run), not someone who has reviewed since or a team whose member did.
  const reviewers = sameCommit
    ? missing(settings.reviewers, open.askedOrReviewed)
    : settings.reviewers;
  const teams = sameCommit
    ? open.reviewed
      ? []
      : missing(settings.teamReviewers, open.teamsAsked)
    : settings.teamReviewers;
  if (reviewers.length + teams.length > 0)
    changes.push({ kind: "review", reviewers, teamReviewers: teams });
  return plan(changes, changes.length > 0 ? "updated" : "unchanged");
}
