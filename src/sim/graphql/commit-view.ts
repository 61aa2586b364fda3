import type { SimCommit, SimFile, SimPerson, SimRepo } from "../state.ts";
import { actorView } from "./actor-view.ts";
import { connection, type PageArgs } from "./connection.ts";
import type { GraphqlContext } from "./context.ts";
import { treeView } from "./git-object-view.ts";
import { derivedNodeId } from "./ids.ts";
import { requirePermission } from "./permissions.ts";
import { repositoryView } from "./repository-view.ts";
import type { View } from "./resolve-field.ts";
import { webLocation } from "./web.ts";

/** A `GitActor`: the name and email git recorded, and the account they belong to, if any. */
function gitActorView(p: SimPerson): View {
  return {
    name: p.name,
    email: p.email,
    date: p.date,
    user: p.login === undefined ? null : actorView(p.login),
  };
}

/**
 * A commit's signature. Only GitHub's own signatures (web commits, createCommitOnBranch) are
 * modelled: a `GpgSignature` with GitHub's key, valid. The armoured block and payload are not
 * kept, so they are empty strings (the schema makes them non-null).
 */
function signatureView(c: SimCommit): View | null {
  const s = c.signature;
  if (!s) return null;
  return {
    __typename: "GpgSignature",
    email: c.committer.email,
    isValid: s.verified,
    state: s.verified ? "VALID" : "UNKNOWN_KEY",
    wasSignedByGitHub: s.wasSignedByGitHub,
    signer: s.signer === undefined ? null : actorView(s.signer),
    verifiedAt: s.verified ? c.committer.date : null,
    payload: "",
    signature: "",
    keyId: s.wasSignedByGitHub ? "B5690EEEBB952194" : null,
  };
}

/**
 * A commit: its oid and tree always; message, parents, identities and signature when the
 * repository recorded them (every commit the simulator makes does).
 */
export function commitView(
  ctx: GraphqlContext,
  repo: SimRepo,
  oid: string,
  files: Map<string, SimFile>,
): View {
  const info = repo.commitInfo.get(oid);
  const message = info?.message ?? "";
  const newline = message.indexOf("\n");
  return {
    __typename: "Commit",
    id: derivedNodeId("C", `${repo.id}:${oid}`),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    ...webLocation(`/${repo.full_name}/commit/${oid}`),
    repository: () => repositoryView(ctx, repo),
    message,
    messageHeadline: newline < 0 ? message : message.slice(0, newline),
    // git separates the body from the headline by a blank line.
    messageBody: newline < 0 ? "" : message.slice(newline + 1).replace(/^\n/, ""),
    committedDate: info?.committer.date ?? repo.updated_at,
    authoredDate: info?.author.date ?? repo.updated_at,
    author: info ? gitActorView(info.author) : null,
    committer: info ? gitActorView(info.committer) : null,
    signature: info ? signatureView(info) : null,
    parents: (args: PageArgs) =>
      connection(info?.parents ?? [], args, {
        key: (_, i) => [i],
        view: (parent) => commitView(ctx, repo, parent, repo.commits.get(parent) ?? new Map()),
      }),
    // The files need contents access; a branch's head oid only needs to see the repository.
    tree: () => {
      requirePermission(ctx, "contents", "read");
      return treeView(ctx, repo, files, "");
    },
  };
}
