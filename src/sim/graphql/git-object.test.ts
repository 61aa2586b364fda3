import { describe, expect, it } from "vitest";
import { blobSha, commitFiles, getRepo } from "../state.ts";
import { gql, parts, testWorld, TOKENS } from "./test-world.ts";

function withStateFiles() {
  const world = testWorld();
  const repo = getRepo(world.state, "acme", "api")!;
  const branch = repo.branches.get("main")!;
  const files = new Map(branch.files);
  for (const [path, content] of [
    ["smoke-state/alpha.json", '{"count":1}\n'],
    ["smoke-state/beta.json", '{"count":2}\n'],
  ] as const)
    files.set(path, { content, sha: blobSha(content) });
  commitFiles(repo, branch, files, "state");
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
