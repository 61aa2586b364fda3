import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "./inputs.ts";
import {
  readWorkspaceFile,
  workspaceEntry,
  workspaceFolder,
  workspaceRoot,
} from "./workspace-file.ts";

const outside = mkdtempSync(join(tmpdir(), "fleet-outside-"));
writeFileSync(join(outside, "secret.txt"), "TOP-SECRET-CONTENT");
const root = mkdtempSync(join(tmpdir(), "fleet-workspace-"));
writeFileSync(join(root, "repos.yaml"), "owner: acme\n");
mkdirSync(join(root, "outcomes"));
writeFileSync(join(root, "outcomes", "a.json"), '{"a":"success"}');
symlinkSync(join(outside, "secret.txt"), join(root, "outcomes", "b.json"));
symlinkSync(join(outside, "secret.txt"), join(root, "link.yaml"));
symlinkSync(outside, join(root, "linked-folder"));
writeFileSync(join(root, "big.yaml"), "x".repeat(2048));

const failure = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("no error");
};

describe("readWorkspaceFile", () => {
  it("reads a file inside the workspace, relative to it", () => {
    expect(readWorkspaceFile("registry", "repos.yaml", root)).toBe("owner: acme\n");
    expect(readWorkspaceFile("registry", "./outcomes/../repos.yaml", root)).toBe("owner: acme\n");
  });

  it.each([
    ["/proc/self/environ", "outside the workspace"],
    ["/etc/passwd", "outside the workspace"],
    ["/dev/zero", "outside the workspace"],
    [join(outside, "secret.txt"), "outside the workspace"],
    ["../../../etc/passwd", "outside the workspace"],
    ["link.yaml", "outside the workspace"],
    ["linked-folder/secret.txt", "outside the workspace"],
    [".", "outside the workspace"],
    ["outcomes", "not a regular file"],
    ["missing.yaml", "does not exist"],
  ])("refuses %s (%s), naming the input and never the content", (value, why) => {
    const message = failure(() => readWorkspaceFile("registry", value, root));
    expect(message).toMatch(
      new RegExp(`^registry: found '${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}', .*${why}`),
    );
    expect(message).not.toContain("TOP-SECRET");
    expect(message).not.toContain("root:");
  });

  it("refuses a file larger than the cap without reading it all", () => {
    expect(failure(() => readWorkspaceFile("registry", "big.yaml", root, 1024))).toBe(
      "registry: found 'big.yaml', larger than 1024 bytes; allowed at most 1024 bytes",
    );
  });

  it("gives every generated path either the file or an InputError naming the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: "binary" }), (value) => {
        try {
          readWorkspaceFile("registry", value, root);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).toMatch(/^registry: /);
          expect((error as Error).message).not.toContain("TOP-SECRET");
        }
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });
});

describe("workspaceEntry", () => {
  it("lists a folder, and refuses a file in it that links outside when it is read", () => {
    const entry = workspaceEntry("outcomes", "outcomes", root);
    if (entry.kind !== "folder") throw new Error("expected a folder");
    expect(entry.files.map((f) => f.name)).toEqual(["a.json", "b.json"]);
    expect(entry.files[0]!.read()).toBe('{"a":"success"}');
    expect(failure(() => entry.files[1]!.read())).toMatch(
      /^outcomes: found 'outcomes\/b.json', which is outside the workspace/,
    );
  });

  it("reads a single file", () => {
    expect(workspaceEntry("outcomes", "outcomes/a.json", root)).toEqual({
      kind: "file",
      text: '{"a":"success"}',
    });
  });
});

describe("workspaceRoot", () => {
  it("is GITHUB_WORKSPACE on a runner, the current directory elsewhere", () => {
    expect(workspaceRoot({ GITHUB_WORKSPACE: "/w" }, "/cwd")).toBe("/w");
    expect(workspaceRoot({}, "/cwd")).toBe("/cwd");
  });
});

describe("workspaceFolder", () => {
  it("takes the workspace itself or a folder inside it", () => {
    expect(workspaceFolder("path", ".", root)).toBe(realpathSync(root));
    expect(workspaceFolder("path", "./", root)).toBe(realpathSync(root));
    expect(workspaceFolder("path", "outcomes", root)).toBe(realpathSync(join(root, "outcomes")));
  });

  it.each([
    ["..", "outside the workspace"],
    ["linked-folder", "outside the workspace"],
    ["repos.yaml", "not a folder"],
  ])("refuses %s: %s", (value, why) => {
    expect(failure(() => workspaceFolder("path", value, root))).toContain(why);
  });
});
