import { describe, expect, it } from "vitest";
import { buildMatrix, MatrixError, type ShardEntry } from "./matrix.ts";
import type { Target } from "./registry.ts";

const target = (
  owner: string,
  name: string,
  kind = "sdk",
  blocks: Pick<Target, "orchestrators" | "meta"> = { orchestrators: {}, meta: {} },
): Target => ({ name, owner, kind, repository: `${owner}/${name}`, ...blocks });

/** `count` targets of `owner`, named r0, r1, ... */
const fleet = (owner: string, count: number) =>
  Array.from({ length: count }, (_, i) => target(owner, `r${i}`));

const sizes = (entries: ShardEntry[]) => entries.map((e) => e.names.split(",").length);

describe("buildMatrix", () => {
  it("gives one entry per target while they fit, with its registry blocks", () => {
    const tools = target("acme-labs", "tools", "agent", {
      orchestrators: { claude: { model: "opus" } },
      meta: { team: "platform" },
    });
    expect(buildMatrix([target("acme", "api"), tools])).toEqual({
      include: [
        {
          name: "api",
          owner: "acme",
          kind: "sdk",
          repository: "acme/api",
          repositories: "acme/api",
          names: "api",
          orchestrators: {},
          meta: {},
        },
        {
          name: "tools",
          owner: "acme-labs",
          kind: "agent",
          repository: "acme-labs/tools",
          repositories: "acme-labs/tools",
          names: "tools",
          orchestrators: { claude: { model: "opus" } },
          meta: { team: "platform" },
        },
      ],
    });
  });

  it("gives an empty include for no targets", () => {
    expect(buildMatrix([])).toEqual({ include: [] });
  });

  it("keeps exactly max-jobs targets unsharded", () => {
    expect(buildMatrix(fleet("acme", 3), 3).include).toHaveLength(3);
  });

  it("shards one owner's targets evenly, in registry order", () => {
    const { include } = buildMatrix(fleet("acme", 7), 3);
    expect(include).toEqual([
      {
        name: "acme-1-of-3",
        owner: "acme",
        repositories: "acme/r0,acme/r1,acme/r2",
        names: "r0,r1,r2",
      },
      { name: "acme-2-of-3", owner: "acme", repositories: "acme/r3,acme/r4", names: "r3,r4" },
      { name: "acme-3-of-3", owner: "acme", repositories: "acme/r5,acme/r6", names: "r5,r6" },
    ]);
  });

  it("never mixes owners in a shard and gives each owner at least one", () => {
    const targets = [...fleet("acme", 10), target("acme-labs", "tools"), ...fleet("other", 3)];
    const { include } = buildMatrix(targets, 4) as { include: ShardEntry[] };
    expect(include.map((e) => e.name)).toEqual([
      "acme-1-of-2",
      "acme-2-of-2",
      "acme-labs-1-of-1",
      "other-1-of-1",
    ]);
    for (const entry of include) {
      for (const repo of entry.repositories.split(","))
        expect(repo.split("/")[0]).toBe(entry.owner);
    }
    expect(sizes(include)).toEqual([5, 5, 1, 3]);
  });

  it("treats owners that differ only in case as one owner", () => {
    const targets = [target("acme", "a"), target("ACME", "b"), target("acme", "c")];
    const { include } = buildMatrix(targets, 1);
    expect(include).toEqual([
      { name: "acme-1-of-1", owner: "acme", repositories: "acme/a,ACME/b,acme/c", names: "a,b,c" },
    ]);
  });

  it("shards 10,000 targets of several owners into at most 256 even jobs", () => {
    const targets = [...fleet("acme", 6000), ...fleet("acme-labs", 3000), ...fleet("tiny", 7)];
    targets.push(...fleet("more", 993));
    const { include } = buildMatrix(targets, 256) as { include: ShardEntry[] };
    expect(include.length).toBeLessThanOrEqual(256);
    const all = include.flatMap((e) => e.repositories.split(","));
    expect(all).toHaveLength(10_000);
    expect(new Set(all).size).toBe(10_000);
    // The largest shard sets the wall time: no smaller largest shard would fit 256 jobs.
    const largest = Math.max(...sizes(include));
    const jobsAt = (s: number) =>
      [6000, 3000, 7, 993].reduce((n, count) => n + Math.ceil(count / s), 0);
    expect(jobsAt(largest)).toBeLessThanOrEqual(256);
    expect(jobsAt(largest - 1)).toBeGreaterThan(256);
    for (const owner of ["acme", "acme-labs", "more"]) {
      const own = sizes(include.filter((e) => e.owner === owner));
      expect(Math.max(...own) - Math.min(...own)).toBeLessThanOrEqual(1);
    }
  });

  it("refuses more owners than jobs", () => {
    const targets = [target("a", "x"), target("b", "x"), target("c", "x")];
    expect(() => buildMatrix(targets, 2)).toThrow(
      new MatrixError(
        "max-jobs: found 2, allowed at least 3: the 3 selected targets belong to 3 owners and a job (one token) covers one owner only",
      ),
    );
  });

  it.each([0, 257, 1.5])("refuses max-jobs %s", (maxJobs) => {
    expect(() => buildMatrix([], maxJobs)).toThrow(
      `max-jobs: found ${maxJobs}, allowed a whole number from 1 to 256 (GitHub's matrix limit)`,
    );
  });
});
