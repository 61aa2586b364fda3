import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(join(root, file), "utf8");
const pkg = JSON.parse(read("package.json")) as { engines: { node: string } };
const lock = JSON.parse(read("package-lock.json")) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};

type Version = [number, number, number];

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Whether `version` satisfies an npm `engines` range, in the forms the lockfile holds:
 * `>=`, `>`, `<=`, `<`, `^`, `~`, bare and partial versions, `*`, joined by spaces and `||`.
 */
function satisfies(version: Version, range: string): boolean {
  return range
    .replace(/(>=|<=|>|<|=|\^|~)\s+/g, "$1")
    .split("||")
    .some((alternative) =>
      alternative
        .trim()
        .split(/\s+/)
        .every((comparator) => {
          const m = /^(>=|<=|>|<|=|\^|~)?v?(\d+|\*|x)?(?:\.(\d+|x))?(?:\.(\d+|x))?$/.exec(
            comparator,
          );
          if (!m) throw new Error(`unreadable range '${range}'`);
          const [, op = "", major, minor, patch] = m;
          if (major === undefined || major === "*" || major === "x") return true;
          const parts = [major, minor, patch].map((p) =>
            p === undefined || p === "x" ? undefined : Number(p),
          );
          const low: Version = [parts[0]!, parts[1] ?? 0, parts[2] ?? 0];
          const next: Version =
            op === "~" || (op === "" && parts[1] !== undefined && parts[2] === undefined)
              ? [low[0], low[1] + 1, 0]
              : [low[0] + 1, 0, 0];
          const c = compare(version, low);
          if (op === ">=") return c >= 0;
          if (op === ">") return c > 0;
          if (op === "<=") return c <= 0;
          if (op === "<") return c < 0;
          if (op === "=" || (op === "" && parts[2] !== undefined)) return c === 0;
          return c >= 0 && compare(version, next) < 0;
        }),
    );
}

/** The oldest version of each Node line the project supports: each alternative's floor. */
const floors: Version[] = pkg.engines.node.split("||").map((alternative) => {
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(alternative)!;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
});

/**
 * Dependencies that declare more than they need, each with the reason it is accepted: the test
 * suite runs on the oldest supported Node in CI, so a real need would fail there.
 */
const overDeclared: Record<string, string> = {
  // @octokit/request's content-type parser; plain ES2022, exercised by every API test on Node 20.
  "node_modules/content-type": "^22",
};

describe("supported Node versions", () => {
  it("are one range, package.json's engines, which the lockfile and the README state", () => {
    expect(pkg.engines.node).toBe("^20.19.0 || ^22.13.0 || >=24");
    expect(lock.packages[""]!.engines).toEqual({ node: pkg.engines.node });
    expect(read("README.md")).toContain(`\`"node": "${pkg.engines.node}"\``);
  });

  it("include the Node this suite runs on, so CI tests a supported version", () => {
    const running = process.versions.node.split(".").map(Number) as Version;
    expect(satisfies(running, pkg.engines.node)).toBe(true);
  });

  it("are all admitted by every installed package, but the over-declared ones", () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (range === undefined || path === "") continue;
      for (const floor of floors) {
        if (satisfies(floor, range)) continue;
        const excused = overDeclared[path];
        if (excused !== undefined && !satisfies(floor, excused)) continue;
        refused.push(`${path} (${range}) refuses Node ${floor.join(".")}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it("reads ranges as npm does", () => {
    expect(satisfies([20, 19, 0], "^20.19.0 || >=22.12.0")).toBe(true);
    expect(satisfies([20, 18, 9], "^20.19.0 || >=22.12.0")).toBe(false);
    expect(satisfies([22, 0, 0], ">= 20")).toBe(true);
    expect(satisfies([20, 0, 0], ">=22")).toBe(false);
    expect(satisfies([20, 5, 0], "18 || 20 || >=22")).toBe(true);
    expect(satisfies([21, 0, 0], "18 || 20 || >=22")).toBe(false);
    expect(satisfies([0, 7, 1], ">=0.6.11 <=0.7.0 || >=0.7.3")).toBe(false);
  });
});
