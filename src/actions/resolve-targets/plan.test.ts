import { describe, expect, it } from "vitest";
import { FilterError } from "../../core/filter.ts";
import { MatrixError } from "../../core/matrix.ts";
import { parseRegistry } from "../../core/registry.ts";
import { planSelection, SelectionError } from "./plan.ts";

const registry = parseRegistry(
  [
    "owner: acme",
    "targets:",
    "  - { name: python-sdk, kind: sdk }",
    "  - { name: go-sdk, kind: sdk }",
    "  - { name: docs, kind: docs }",
    "  - { name: cli, kind: none }",
    "  - { name: tools, kind: agent }",
    "  - { name: tools, owner: acme-labs, kind: agent }",
  ].join("\n"),
  "repos.yaml",
);

const plan = (filter: string, repository?: string, maxJobs = 256) =>
  planSelection(registry, { filter, repository, maxJobs });

describe("planSelection", () => {
  it("selects with the filter and builds the matrix over the selection", () => {
    const selection = plan("kind == 'sdk'");
    expect(selection.filter).toBe("kind == 'sdk'");
    expect(selection.registered).toBe(6);
    expect(selection.targets.map((t) => t.repository)).toEqual(["acme/python-sdk", "acme/go-sdk"]);
    expect(selection.matrix.include.map((e) => e.repositories)).toEqual([
      "acme/python-sdk",
      "acme/go-sdk",
    ]);
  });

  it("gives an empty selection and matrix when the filter selects nothing", () => {
    expect(plan("kind == 'website'")).toMatchObject({ targets: [], matrix: { include: [] } });
  });

  it("narrows to one target by name or owner/name, ignoring case", () => {
    expect(plan("true", "PYTHON-sdk").targets.map((t) => t.repository)).toEqual([
      "acme/python-sdk",
    ]);
    expect(plan("true", " acme-labs/Tools ").targets.map((t) => t.repository)).toEqual([
      "acme-labs/tools",
    ]);
  });

  it("shards beyond max-jobs", () => {
    expect(plan("true", undefined, 2).matrix.include.map((e) => e.name)).toEqual([
      "acme-1-of-1",
      "acme-labs-1-of-1",
    ]);
  });

  it.each<[string, string, string]>([
    [
      "kind != 'none'",
      "pyhton-sdk",
      "Input 'repository': found 'pyhton-sdk', allowed a target the filter selects; closest: python-sdk",
    ],
    [
      "kind != 'none'",
      "acme/go-skd",
      "Input 'repository': found 'acme/go-skd', allowed a target the filter selects; closest: acme/go-sdk",
    ],
    [
      "kind != 'none'",
      "zzz",
      "Input 'repository': found 'zzz', allowed a target the filter selects; no selected target has a similar name (5 selected)",
    ],
    [
      "kind != 'none'",
      "cli",
      `Input 'repository': found 'cli', which is registered (kind none) but not selected by the filter "kind != 'none'"; allowed a target the filter selects`,
    ],
    [
      "true",
      "tools",
      "Input 'repository': found 'tools', which names acme/tools and acme-labs/tools; allowed one target: give it as owner/name",
    ],
  ])("with filter %s, rejects repository %s", (filter, repository, message) => {
    expect(() => plan(filter, repository)).toThrow(new SelectionError(message));
  });

  it("passes filter and matrix errors through", () => {
    expect(() => plan("knd == 'sdk'")).toThrow(FilterError);
    expect(() => plan("true", undefined, 1)).toThrow(MatrixError);
  });
});
