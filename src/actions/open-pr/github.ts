import { ARCHIVED_NOTICE } from "../../core/archived.ts";
import type { FleetClient } from "../../core/client.ts";
import { createOnce } from "../../core/create-once.ts";
import { StopChanges } from "../../core/apply.ts";
import { ApiError, classifyError, stopsTheRest } from "../../core/errors.ts";
import { hasComment } from "../../core/find-comment.ts";
import { graphqlCall, graphqlError, graphqlQuery } from "../../core/graphql-call.ts";
import { httpStatus } from "../../core/http-status.ts";
import { openPrMarkers } from "../../core/markers.ts";
import { hourSpent } from "../../core/pacer.ts";
import type { ChangeWriter, Skip } from "../../core/repo-action.ts";
import { RepoFailure } from "../../core/repo-failure.ts";
import type { RepoRef } from "../../core/repository.ts";
import {
  commitMutation,
  draftMutation,
  stateQuery,
  type CommitAnswer,
  type PullAnswer,
  type StateAnswer,
} from "./documents.ts";
import { closeComment, describeChange, explainRefusal } from "./messages.ts";
import {
  commitTrailers,
  movedUnder,
  trailerDigest,
  type Change,
  type LocalChange,
  type ProposalSettings,
  type PullState,
  type Snapshot,
} from "./plan.ts";
import type { ChangedFile } from "./working-tree.ts";

/** What the read needs besides the repository. */
export interface ReadSettings {
  changeId: string;
  branch: string;
  /** The base branch; undefined for the repository's default branch. */
  base: string | undefined;
}

function pullState(p: PullAnswer, changeId: string): PullState {
  const close = openPrMarkers.close(changeId);
  return {
    id: p.id,
    number: p.number,
    state: p.state,
    title: p.title,
    body: p.body,
    isDraft: p.isDraft,
    headOid: p.headRefOid,
    labels: p.labels.nodes.map((l) => l.name),
    assignees: p.assignees.nodes.map((a) => a.login),
    askedOrReviewed: [
      ...p.reviewRequests.nodes.flatMap((r) => r.requestedReviewer?.login ?? []),
      ...p.latestReviews.nodes.flatMap((r) => r.author?.login ?? []),
    ],
    teamsAsked: p.reviewRequests.nodes.flatMap((r) => r.requestedReviewer?.slug ?? []),
    reviewed: p.latestReviews.nodes.length > 0,
    hasCloseComment: p.comments.nodes.some((c) => c.body.includes(close)),
  };
}

/** The newest pull request from this repository's branch (not a fork's of the same name). */
function newestOwnPull(repo: RepoRef, pulls: readonly PullAnswer[]): PullAnswer | undefined {
  const own = pulls.filter(
    (p) => p.headRepository?.nameWithOwner.toLowerCase() === repo.fullName.toLowerCase(),
  );
  return own.find((p) => p.state === "OPEN") ?? own[0];
}

/** The one read: everything the plan needs, in one GraphQL request. */
export async function readTarget(
  client: FleetClient,
  repo: RepoRef,
  change: LocalChange,
  settings: ReadSettings,
): Promise<Snapshot | Skip> {
  const baseExpression = settings.base ?? "HEAD";
  const variables: Record<string, unknown> = {
    owner: repo.owner,
    name: repo.repo,
    branch: settings.branch,
    qualifiedBranch: `refs/heads/${settings.branch}`,
    base: settings.base ? `refs/heads/${settings.base}` : "",
    hasBase: settings.base !== undefined,
  };
  change.files.forEach((f, i) => (variables[`p${i}`] = `${baseExpression}:${f.path}`));
  const answer = await graphqlQuery<StateAnswer>(
    client,
    stateQuery(change.files.length),
    variables,
    { repository: repo.fullName, doing: "reading the base, the branch and its pull request" },
  );
  const r = answer.repository;
  if (!r) throw new RepoFailure(`${repo.fullName} was not found, or the token cannot see it`);
  if (r.isArchived) return { skip: ARCHIVED_NOTICE };
  const base = r.baseRef ?? r.defaultBranchRef;
  if (!base) {
    throw new RepoFailure(
      settings.base
        ? `the base branch '${settings.base}' does not exist in ${repo.fullName}; nothing was proposed`
        : `${repo.fullName} has no default branch (an empty repository); nothing was proposed`,
    );
  }
  const baseBlobs = change.files.map((_, i) => r[`p${i}`]?.oid ?? null);
  const moved = movedUnder(change, baseBlobs);
  if (moved.length > 0) {
    throw new RepoFailure(
      `${base.name} changed ${moved.join(", ")} after the checkout (at ${change.headOid.slice(0, 7)}); committing the checkout's copy would undo that, so nothing was proposed: rerun on a fresh checkout`,
    );
  }
  const head = r.headRef;
  const pull = newestOwnPull(repo, r.pullRequests.nodes);
  return {
    repositoryId: r.id,
    base: { name: base.name, oid: base.target.oid },
    branch: head
      ? {
          id: head.id,
          oid: head.target.oid,
          ahead: base.compare?.aheadBy ?? 0,
          fleetDigest:
            head.target.signature?.wasSignedByGitHub === true
              ? trailerDigest(head.target.message ?? "", settings.changeId)
              : null,
        }
      : null,
    pull: pull ? pullState(pull, settings.changeId) : null,
    baseBlobs,
  };
}

/** The branch's head as the commit check reads it: its oid and fleet's digest there, if any. */
async function branchHead(
  client: FleetClient,
  repo: RepoRef,
  branch: string,
  changeId: string,
): Promise<{ oid: string; digest: string | null } | null> {
  const answer = await graphqlQuery<{
    repository: {
      ref: {
        target: {
          oid: string;
          message?: string;
          signature?: { wasSignedByGitHub: boolean } | null;
        };
      } | null;
    } | null;
  }>(
    client,
    `query OpenPrHead($owner: String!, $name: String!, $ref: String!) {
  repository(owner: $owner, name: $name) {
    ref(qualifiedName: $ref) { target { oid ... on Commit { message signature { wasSignedByGitHub } } } }
  }
}`,
    { owner: repo.owner, name: repo.repo, ref: `refs/heads/${branch}` },
    { repository: repo.fullName, doing: `reading the head of ${branch}` },
  );
  const target = answer.repository?.ref?.target;
  if (!target) return null;
  const signed = target.signature?.wasSignedByGitHub === true;
  return { oid: target.oid, digest: signed ? trailerDigest(target.message ?? "", changeId) : null };
}

/** What the writer needs besides the plan. */
export interface WriterSettings extends ProposalSettings {
  digest: string;
  /** Reads a blob the commit adds. */
  blob(file: ChangedFile): Promise<Buffer>;
}

/** What the writes left: the pull request and the branch head, for the outputs. */
export interface Written {
  number?: number;
  nodeId?: string;
  headOid?: string;
  labels: string[];
  assignees: string[];
}

/** The writes of one target's plan, in order; the pull request's number carries over. */
export function proposalWriter(
  client: FleetClient,
  repo: RepoRef,
  snapshot: Snapshot,
  settings: WriterSettings,
): ChangeWriter<Change> & { written: Written } {
  const open = snapshot.pull?.state === "OPEN" ? snapshot.pull : undefined;
  const written: Written = {
    number: open?.number,
    nodeId: open?.id,
    headOid: snapshot.branch?.oid,
    labels: open?.labels ?? [],
    assignees: open?.assignees ?? [],
  };
  const issue = () => ({ owner: repo.owner, repo: repo.repo, issue_number: written.number! });
  const pull = () => ({ owner: repo.owner, repo: repo.repo, pull_number: written.number! });

  const fleetHead = async () => {
    const head = await branchHead(client, repo, settings.branch, settings.changeId);
    return head && head.digest === settings.digest ? head.oid : undefined;
  };

  async function commit(change: Extract<Change, { kind: "commit" }>) {
    const additions = [];
    for (const f of change.files.filter((x) => x.newOid !== null))
      additions.push({ path: f.path, contents: (await settings.blob(f)).toString("base64") });
    const deletions = change.files.filter((f) => f.newOid === null).map((f) => ({ path: f.path }));
    const variables = {
      ...(change.branch === "create"
        ? { repositoryId: snapshot.repositoryId, qualifiedBranch: `refs/heads/${settings.branch}` }
        : { refId: snapshot.branch!.id }),
      baseOid: change.baseOid,
      commit: {
        branch: { repositoryNameWithOwner: repo.fullName, branchName: settings.branch },
        message: {
          headline: settings.commitMessage,
          body: commitTrailers(settings.changeId, settings.digest),
        },
        fileChanges: { additions, deletions },
        expectedHeadOid: change.baseOid,
      },
    };
    const doing = `committing to ${settings.branch}`;
    const oid = await createOnce({
      doing,
      create: async () => {
        const answer = await graphqlCall<CommitAnswer>(
          client,
          commitMutation(change.branch),
          variables,
          {
            repository: repo.fullName,
            doing,
          },
        );
        const made = answer.data?.commit?.commit.oid;
        if (made) return made;
        // Refused (the branch moved, a rule): a racing run of the same change may be why.
        const theirs = await fleetHead();
        if (theirs) return theirs;
        throw graphqlError(answer.errors, { repository: repo.fullName, doing });
      },
      landed: fleetHead,
    });
    written.headOid = oid;
    return "done" as const;
  }

  async function openPull(change: Extract<Change, { kind: "open" }>) {
    const head = `${repo.owner}:${settings.branch}`;
    const find = async () => {
      const { data } = await client.rest.pulls.list({
        owner: repo.owner,
        repo: repo.repo,
        head,
        state: "open",
        per_page: 1,
      });
      const found = data[0];
      return found && { number: found.number, node_id: found.node_id };
    };
    let made;
    try {
      made = await createOnce({
        doing: `opening a pull request from ${settings.branch}`,
        create: async () => {
          const { data } = await client.rest.pulls.create({
            owner: repo.owner,
            repo: repo.repo,
            head: settings.branch,
            base: snapshot.base.name,
            title: change.title,
            body: change.body,
            draft: change.draft,
          });
          return { number: data.number, node_id: data.node_id };
        },
        landed: find,
      });
    } catch (error) {
      // 422 "A pull request already exists": a racing run opened it; that one is this change's.
      const theirs = httpStatus(error) === 422 ? await find() : undefined;
      if (!theirs) throw error;
      made = theirs;
    }
    written.number = made.number;
    written.nodeId = made.node_id;
    return "done" as const;
  }

  async function apply(change: Change) {
    switch (change.kind) {
      case "commit":
        return commit(change);
      case "open":
        return openPull(change);
      case "edit":
        await client.rest.pulls.update({ ...pull(), title: change.title, body: change.body });
        return "done" as const;
      case "draft":
        await graphqlQuery(
          client,
          draftMutation(change.draft),
          { id: written.nodeId },
          {
            repository: repo.fullName,
            doing: change.draft ? "making the pull request a draft" : "marking it ready for review",
          },
        );
        return "done" as const;
      case "tag": {
        // PATCH sets the lists whole: what is there (a person's labels too) plus fleet's.
        const labels = [...new Set([...written.labels, ...change.labels])];
        const assignees = [...new Set([...written.assignees, ...change.assignees])];
        await client.rest.issues.update({ ...issue(), labels, assignees });
        return "done" as const;
      }
      case "review":
        await client.rest.pulls.requestReviewers({
          ...pull(),
          reviewers: change.reviewers,
          team_reviewers: change.teamReviewers,
        });
        return "done" as const;
      case "close": {
        const mark = openPrMarkers.close(settings.changeId);
        if (change.comment) {
          await createOnce({
            doing: `commenting on #${written.number} before closing it`,
            create: async () => {
              await client.rest.issues.createComment({
                ...issue(),
                body: closeComment(settings, mark),
              });
              return true;
            },
            landed: async () => ((await hasComment(client, issue(), mark)) ? true : undefined),
          });
        }
        await client.rest.pulls.update({ ...pull(), state: "closed" });
        return "done" as const;
      }
      case "delete-branch":
        try {
          await client.rest.git.deleteRef({
            owner: repo.owner,
            repo: repo.repo,
            ref: `heads/${settings.branch}`,
          });
        } catch (error) {
          // Already gone (a lost answer's retry, or a person deleted it): the state is reached.
          if (httpStatus(error) === 422 || httpStatus(error) === 404) return "skipped" as const;
          throw classifyError(error, { repository: repo.fullName, doing: "deleting the branch" });
        }
        written.headOid = undefined;
        return "done" as const;
    }
  }

  const describe = (change: Change) => describeChange(change, settings.branch);
  return {
    written,
    describe,
    // The writes build on each other (no pull request without the commit): the first that
    // fails stops the rest, and the next run's plan starts from what did land.
    async apply(change) {
      try {
        return await apply(change);
      } catch (error) {
        if (hourSpent(error)) throw error;
        const e =
          error instanceof ApiError
            ? error
            : classifyError(error, { repository: repo.fullName, doing: describe(change) });
        const said = e.reworded(explainRefusal(change, settings.branch, e.kind, e.message));
        if (stopsTheRest(e)) throw said;
        throw new StopChanges(`${describe(change)} failed`, said.message);
      }
    },
  };
}
