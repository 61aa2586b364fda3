import { describe, expect, it } from "vitest";
import { blobSha, commitFiles, getRepo, type SimRepo } from "../state.ts";
import { gql, parts, testWorld, TOKENS } from "./graphql-world.fixture.ts";

/** Commits two state files to acme/api's main branch. */
function withStateFilesOn(repo: SimRepo) {
  const branch = repo.branches.get("main")!;
  const files = new Map(branch.files);
  for (const [path, content] of [
    ["smoke-state/alpha.json", '{"count":1}\n'],
    ["smoke-state/beta.json", '{"count":2}\n'],
  ] as const)
    files.set(path, { content, sha: blobSha(content) });
  commitFiles(repo, branch, files, "state");
}

function withStateFiles() {
  const world = testWorld();
  withStateFilesOn(getRepo(world.state, "acme", "api")!);
  return world;
}

const TREE = `query($expr: String!) { repository(owner: "acme", name: "api") { object(expression: $expr) {
  __typename oid ... on Tree { entries { name path type mode oid object { ... on Blob { text byteSize } } } }
  ... on Blob { text } } } }`;

describe("repository.object", () => {
  it("reads a directory of files in one request", async () => {
    const world = withStateFiles();
    const r = await gql(world, TREE, { variables: { expr: "main:smoke-state" } });
    expect(parts(r).data).toEqual({
      repository: {
        object: {
          __typename: "Tree",
          oid: expect.stringMatching(/^[0-9a-f]{40}$/),
          entries: [
            ...[
              ["alpha.json", '{"count":1}\n'],
              ["beta.json", '{"count":2}\n'],
            ].map(([name, text]) => ({
              name,
              path: `smoke-state/${name}`,
              type: "blob",
              mode: 0o100644,
              oid: blobSha(text!),
              object: { text, byteSize: 12 },
            })),
          ],
        },
      },
    });
  });

  it("gives git's own object ids", async () => {
    const r = await gql(testWorld(), TREE, { variables: { expr: "HEAD:" } });
    // What `printf '# api\n' | git hash-object --stdin` and then `git write-tree` print.
    expect(parts(r).data).toMatchObject({
      repository: {
        object: {
          __typename: "Tree",
          oid: "87d182cae55516b523e8991fcd9a2eb4f1171682",
          entries: [
            {
              name: "README.md",
              oid: "6efb3e7893f6a49cc4c3da2c9331a811fc6fecf8",
              object: { text: "# api\n" },
            },
          ],
        },
      },
    });
  });

  it("answers null for a missing branch or path, and FORBIDDEN without contents access", async () => {
    const world = withStateFiles();
    for (const expr of ["nope:smoke-state", "main:missing", "main:smoke"]) {
      const r = await gql(world, TREE, { variables: { expr } });
      expect(parts(r)).toEqual({ data: { repository: { object: null } } });
    }
    const r = await gql(world, TREE, { token: TOKENS.noProjects, variables: { expr: "main:" } });
    expect(parts(r).errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      path: ["repository", "object"],
    });
  });
});

const REFS = `query { repository(owner: "acme", name: "api") {
  defaultBranchRef { name prefix target { __typename oid ... on Commit { abbreviatedOid tree { oid } } } }
  full: ref(qualifiedName: "refs/heads/main") { name target { oid } }
  short: ref(qualifiedName: "main") { name }
  tag: ref(qualifiedName: "refs/tags/main") { name }
  missing: ref(qualifiedName: "nope") { name } } }`;

describe("repository.defaultBranchRef and ref", () => {
  it("name the default branch and the commit it points at, which moves with each commit", async () => {
    const world = testWorld();
    const repo = getRepo(world.state, "acme", "api")!;
    const initial = repo.branches.get("main")!.sha;
    expect(parts(await gql(world, REFS)).data).toEqual({
      repository: {
        defaultBranchRef: {
          name: "main",
          prefix: "refs/heads/",
          target: {
            __typename: "Commit",
            oid: initial,
            abbreviatedOid: initial.slice(0, 7),
            tree: { oid: "87d182cae55516b523e8991fcd9a2eb4f1171682" },
          },
        },
        full: { name: "main", target: { oid: initial } },
        short: { name: "main" },
        tag: null,
        missing: null,
      },
    });
    withStateFilesOn(repo);
    const moved = parts(await gql(world, REFS)).data as {
      repository: { defaultBranchRef: { target: { oid: string; tree: { oid: string } } } };
    };
    const head = moved.repository.defaultBranchRef.target;
    expect(head.oid).toBe(repo.branches.get("main")!.sha);
    expect(head.oid).not.toBe(initial);
    expect(head.tree.oid).not.toBe("87d182cae55516b523e8991fcd9a2eb4f1171682");
  });

  it("follows a default branch other than main, and needs contents access only for the tree", async () => {
    const world = testWorld();
    const repo = getRepo(world.state, "acme", "api")!;
    repo.branches.set("trunk", { ...repo.branches.get("main")! });
    repo.default_branch = "trunk";
    const query = (fields: string) =>
      `{ repository(owner: "acme", name: "api") { defaultBranchRef { name target { ${fields} } } } }`;
    const oid = parts(await gql(world, query("oid"), { token: TOKENS.noProjects }));
    expect(oid).toEqual({
      data: {
        repository: {
          defaultBranchRef: { name: "trunk", target: { oid: repo.branches.get("trunk")!.sha } },
        },
      },
    });
    // Tree! is non-null, so the refusal nulls the commit, as GitHub's executor does.
    const tree = parts(
      await gql(world, query("... on Commit { tree { oid } }"), { token: TOKENS.noProjects }),
    );
    expect(tree.data).toEqual({
      repository: { defaultBranchRef: { name: "trunk", target: null } },
    });
    expect(tree.errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      path: ["repository", "defaultBranchRef", "target", "tree"],
    });
  });
});
