import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "../index.ts";
import { call, smallWorld } from "../small-world.fixture.ts";
import { addToken, commitFiles, makeFile, type SimRepo } from "../state.ts";

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: { type?: string; message: string; path?: string[] }[];
};

let sim: Sim;
let repo: SimRepo;

beforeAll(async () => {
  const world = smallWorld();
  repo = world.repo;
  const main = repo.branches.get("main")!;
  commitFiles(
    repo,
    main,
    new Map([
      ...main.files,
      [".adl-version", makeFile("0.9.3\n")],
      ["bin/run.sh", makeFile("#!/bin/sh\n", "100755")],
    ]),
    "Add the ADL version",
  );
  repo.rules.push({ pattern: "frozen/**", update: true });
  addToken(world.state, {
    token: "ghs_reader",
    login: "reader[bot]",
    permissions: { contents: "read", pull_requests: "write" },
  });
  sim = await startSim(world.state, { clock: "manual" });
});
afterAll(() => sim.close());

async function gql(query: string, variables: Record<string, unknown> = {}, token = "ghs_admin") {
  const r = await call<Answer>(sim.url, "POST", "/graphql", { body: { query, variables }, token });
  expect(r.status).toBe(200);
  return r.body;
}

const b64 = (text: string | Buffer) => Buffer.from(text).toString("base64");

const COMMIT = `mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) {
  commit { oid url message messageHeadline messageBody committedDate
    parents(first: 5) { totalCount nodes { oid } }
    author { name email user { login } } committer { name email }
    signature { isValid state wasSignedByGitHub signer { login } } }
  ref { name target { oid } } } }`;

const CREATE_REF = `mutation($repo: ID!, $name: String!, $oid: GitObjectID!) {
  createRef(input: { repositoryId: $repo, name: $name, oid: $oid }) { ref { id name prefix target { oid } } } }`;

function commitInput(branch: string, head: string, extra: Record<string, unknown> = {}) {
  return {
    branch: { repositoryNameWithOwner: "acme/api", branchName: branch },
    expectedHeadOid: head,
    message: { headline: "Bump ADL to 0.10.0", body: "From the fleet." },
    fileChanges: { additions: [{ path: ".adl-version", contents: b64("0.10.0\n") }] },
    ...extra,
  };
}

describe("createRef then createCommitOnBranch in one document", () => {
  it("creates the branch and commits on it, signed by GitHub, authored by the token", async () => {
    const head = repo.branches.get("main")!.sha;
    const r = await gql(
      `mutation($repo: ID!, $oid: GitObjectID!, $input: CreateCommitOnBranchInput!) {
        r: createRef(input: { repositoryId: $repo, name: "refs/heads/fleet/adl", oid: $oid }) { ref { name } }
        c: createCommitOnBranch(input: $input) { commit { oid
          parents(first: 1) { nodes { oid } } author { name email user { login } } committer { name email }
          signature { isValid state wasSignedByGitHub } } } }`,
      { repo: repo.node_id, oid: head, input: commitInput("fleet/adl", head) },
    );
    expect(r.errors).toBeUndefined();
    const c = (r.data!.c as { commit: Record<string, unknown> }).commit;
    expect(c).toMatchObject({
      parents: { nodes: [{ oid: head }] },
      author: {
        name: "fleet[bot]",
        email: "fleet[bot]@users.noreply.github.com",
        user: { login: "fleet" },
      },
      committer: { name: "GitHub", email: "noreply@github.com" },
      signature: { isValid: true, state: "VALID", wasSignedByGitHub: true },
    });
    const branch = repo.branches.get("fleet/adl")!;
    expect(branch.sha).toBe(c.oid);
    expect(branch.files.get(".adl-version")?.content).toBe("0.10.0\n");
    expect(repo.commitInfo.get(c.oid as string)?.message).toBe(
      "Bump ADL to 0.10.0\n\nFrom the fleet.",
    );
  });

  it("gives the same change made at another time another oid, and reads message parts", async () => {
    await gql(CREATE_REF, {
      repo: repo.node_id,
      name: "refs/heads/fleet/twice",
      oid: repo.branches.get("main")!.sha,
    });
    const head = repo.branches.get("fleet/twice")!.sha;
    const first = await gql(COMMIT, { input: commitInput("fleet/twice", head) });
    const commit = (first.data!.createCommitOnBranch as { commit: Record<string, unknown> }).commit;
    expect(commit).toMatchObject({
      message: "Bump ADL to 0.10.0\n\nFrom the fleet.",
      messageHeadline: "Bump ADL to 0.10.0",
      messageBody: "From the fleet.",
      parents: { totalCount: 1 },
    });
    const earlier = repo.commitInfo.get(commit.oid as string)!;
    repo.branches.get("fleet/twice")!.sha = head;
    sim.clock.advance(1000);
    const second = await gql(COMMIT, { input: commitInput("fleet/twice", head) });
    const again = (second.data!.createCommitOnBranch as { commit: { oid: string } }).commit;
    expect(again.oid).not.toBe(earlier.oid);
  });
});

describe("createCommitOnBranch refusals", () => {
  it("answers a stale expectedHeadOid with GitHub's STALE_DATA message", async () => {
    const stale = "1".repeat(40);
    const r = await gql(COMMIT, { input: commitInput("main", stale) });
    expect(r.data).toEqual({ createCommitOnBranch: null });
    expect(r.errors?.[0]).toMatchObject({
      type: "STALE_DATA",
      path: ["createCommitOnBranch"],
      message: `Expected branch to point to "${stale}" but it did not.  Pull and try again.`,
    });
  });

  it("refuses a missing branch, a missing deletion, duplicate paths and loose base64", async () => {
    const head = repo.branches.get("main")!.sha;
    const missing = await gql(COMMIT, { input: commitInput("nope", head) });
    expect(missing.errors?.[0]).toMatchObject({ type: "NOT_FOUND" });
    const deletion = await gql(COMMIT, {
      input: commitInput("main", head, { fileChanges: { deletions: [{ path: "gone.txt" }] } }),
    });
    expect(deletion.errors?.[0]?.message).toBe(
      `A path was requested for deletion which does not exist as of commit oid \`${head}\`.`,
    );
    const duplicate = await gql(COMMIT, {
      input: commitInput("main", head, {
        fileChanges: {
          additions: [{ path: "a.txt", contents: b64("a") }],
          deletions: [{ path: "a.txt" }],
        },
      }),
    });
    expect(duplicate.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE" });
    expect(duplicate.errors?.[0]?.message).toContain("more than once");
    const loose = await gql(COMMIT, {
      input: commitInput("main", head, {
        fileChanges: { additions: [{ path: "a.txt", contents: "YQ" }] },
      }),
    });
    expect(loose.errors?.[0]?.message).toContain("not valid base64");
    expect(repo.branches.get("main")!.sha).toBe(head);
  });

  it("refuses a commit onto a branch whose updates a rule restricts", async () => {
    const main = repo.branches.get("main")!.sha;
    await gql(CREATE_REF, { repo: repo.node_id, name: "refs/heads/frozen/a/b", oid: main });
    const r = await gql(COMMIT, { input: commitInput("frozen/a/b", main) });
    expect(r.errors?.[0]).toMatchObject({
      type: "UNPROCESSABLE",
      message: "Repository rule violations found\n\nCannot update this protected ref.\n\n",
    });
  });

  it("needs contents write", async () => {
    const head = repo.branches.get("main")!.sha;
    const r = await gql(COMMIT, { input: commitInput("main", head) }, "ghs_reader");
    expect(r.errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      message: "Resource not accessible by integration",
    });
  });
});

describe("binary files and modes", () => {
  it("commits binary bytes as 100644 and reads them back as a binary Blob, also at HEAD", async () => {
    const head = repo.branches.get("main")!.sha;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const r = await gql(COMMIT, {
      input: commitInput("main", head, {
        fileChanges: {
          additions: [
            { path: "img/logo.png", contents: b64(png) },
            { path: "bin/run.sh", contents: b64("#!/bin/sh\necho hi\n") },
          ],
        },
      }),
    });
    expect(r.errors).toBeUndefined();
    const read = await gql(`{ repository(owner: "acme", name: "api") {
      logo: object(expression: "HEAD:img/logo.png") { ... on Blob { isBinary text byteSize } }
      bin: object(expression: "main:bin") { ... on Tree { entries { name mode } } } } }`);
    expect(read.data).toEqual({
      repository: {
        logo: { isBinary: true, text: null, byteSize: 6 },
        bin: { entries: [{ name: "run.sh", mode: 0o100644 }] },
      },
    });
    expect(repo.branches.get("main")!.files.get("img/logo.png")?.bytes?.equals(png)).toBe(true);
  });
});

describe("updateRef, deleteRef and compare", () => {
  it("moves a branch forward, refuses going back without force, compares, and deletes it", async () => {
    const main = repo.branches.get("main")!;
    const parent = repo.commitInfo.get(main.sha)!.parents[0]!;
    const created = await gql(CREATE_REF, {
      repo: repo.node_id,
      name: "refs/heads/side",
      oid: parent,
    });
    const ref = (created.data!.createRef as { ref: { id: string; prefix: string } }).ref;
    expect(ref.prefix).toBe("refs/heads/");
    const node = await gql(`query($id: ID!) { node(id: $id) { ... on Ref { name } } }`, {
      id: ref.id,
    });
    expect(node.data).toEqual({ node: { name: "side" } });
    const UPDATE = `mutation($id: ID!, $oid: GitObjectID!, $force: Boolean) {
      updateRef(input: { refId: $id, oid: $oid, force: $force }) { ref { target { oid } } } }`;
    const forward = await gql(UPDATE, { id: ref.id, oid: main.sha });
    expect(forward.errors).toBeUndefined();
    const back = await gql(UPDATE, { id: ref.id, oid: parent });
    expect(back.errors?.[0]).toMatchObject({
      type: "UNPROCESSABLE",
      message: "Update is not a fast forward",
    });
    expect((await gql(UPDATE, { id: ref.id, oid: parent, force: true })).errors).toBeUndefined();
    const compared = await gql(`{ repository(owner: "acme", name: "api") {
      ref(qualifiedName: "refs/heads/side") { compare(headRef: "main") { aheadBy behindBy status } } } }`);
    expect(compared.data).toEqual({
      repository: { ref: { compare: { aheadBy: 1, behindBy: 0, status: "AHEAD" } } },
    });
    const deleted = await gql(
      `mutation($id: ID!) { deleteRef(input: { refId: $id }) { clientMutationId } }`,
      {
        id: ref.id,
      },
    );
    expect(deleted.errors).toBeUndefined();
    expect(repo.branches.has("side")).toBe(false);
    const gone = await gql(
      `mutation($id: ID!) { deleteRef(input: { refId: $id }) { clientMutationId } }`,
      {
        id: ref.id,
      },
    );
    expect(gone.errors?.[0]?.type).toBe("NOT_FOUND");
  });
});
