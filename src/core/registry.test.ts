import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegistry, MAX_REGISTRY_BYTES, parseRegistry, RegistryError } from "./registry.ts";

const NAME =
  "a GitHub repository name: letters, digits, '.', '_' and '-', at most 100 characters, not '.' or '..'";
const OWNER =
  "a GitHub owner: letters, digits and single hyphens, no hyphen first or last, at most 39 characters";
const TARGET_KEYS = "the keys name, owner, kind, orchestrators, meta";

/** The problems parseRegistry reports for `text`, or [] when it is valid. */
function problems(text: string): string[] {
  try {
    parseRegistry(text, "repos.yaml");
    return [];
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    expect(error.message).toBe(error.problems.join("\n"));
    return error.problems;
  }
}

describe("parseRegistry: a valid registry", () => {
  it("resolves owners and fills absent maps with {}", () => {
    const registry = parseRegistry(
      [
        "owner: acme",
        "kinds: [sdk, agent]",
        "targets:",
        "  - name: Python-SDK",
        "    kind: sdk",
        "  - name: tools",
        "    owner: acme-labs",
        "    kind: agent",
        "    orchestrators:",
        "      claude: { model: opus }",
        "    meta: { team: platform }",
      ].join("\n"),
      "repos.yaml",
    );
    expect(registry).toEqual({
      file: "repos.yaml",
      owner: "acme",
      kinds: ["sdk", "agent"],
      targets: [
        {
          name: "Python-SDK",
          owner: "acme",
          kind: "sdk",
          repository: "acme/Python-SDK",
          orchestrators: {},
          meta: {},
        },
        {
          name: "tools",
          owner: "acme-labs",
          kind: "agent",
          repository: "acme-labs/tools",
          orchestrators: { claude: { model: "opus" } },
          meta: { team: "platform" },
        },
      ],
    });
  });

  it("needs no top-level owner when every target has one, and no kinds list", () => {
    const registry = parseRegistry(
      "targets:\n  - { name: a.b_c-1, owner: o, kind: anything }\n",
      "r.yaml",
    );
    expect(registry.owner).toBeUndefined();
    expect(registry.kinds).toBeUndefined();
    expect(registry.targets.map((t) => t.repository)).toEqual(["o/a.b_c-1"]);
  });

  it("accepts the longest names GitHub allows", () => {
    const owner = "a".repeat(39);
    const name = "b".repeat(100);
    const registry = parseRegistry(
      `owner: ${owner}\ntargets:\n  - { name: ${name}, kind: x }\n`,
      "r",
    );
    expect(registry.targets[0]!.repository).toBe(`${owner}/${name}`);
  });

  it("parses the repository's own repos.yaml", () => {
    const registry = loadRegistry("repos.yaml");
    expect(registry.targets.length).toBeGreaterThanOrEqual(18);
    expect(new Set(registry.targets.map((t) => t.kind))).toEqual(
      new Set(["sdk", "docs", "adk", "agent", "none"]),
    );
    expect(registry.targets.some((t) => t.owner !== "acme")).toBe(true);
  });
});

describe("parseRegistry: a YAML syntax error", () => {
  it("is one problem, not the cascade the parser reports after it", () => {
    const example = readFileSync(join(import.meta.dirname, "..", "..", "repos.yaml"), "utf8");
    const broken = example.replace("language: go }", "language: go");
    expect(broken).not.toBe(example);
    let problems: readonly string[] = [];
    try {
      parseRegistry(broken, "repos.yaml");
    } catch (error) {
      problems = (error as RegistryError).problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^repos\.yaml:\d+:\d+: \(syntax\): found invalid YAML \(Flow map .*\), allowed one well-formed YAML document; \d+ later syntax errors? not listed, as they may follow from this one$/,
    );
  });
});

describe("parseRegistry: malformed registries, each problem with file:line:col", () => {
  it.each<[string, string, string[]]>([
    [
      "an empty file",
      "",
      [
        "repos.yaml:1:1: (root): found an empty file, allowed a map with 'targets' (a list) and optionally 'owner' and 'kinds'",
      ],
    ],
    [
      "a file of comments only",
      "# nothing yet\n",
      [
        "repos.yaml:1:1: (root): found only comments, allowed a map with 'targets' (a list) and optionally 'owner' and 'kinds'",
      ],
    ],
    [
      "a list at the top",
      "- name: a\n  kind: sdk\n",
      [
        "repos.yaml:1:1: (root): found a list, allowed a map with 'targets' (a list) and optionally 'owner' and 'kinds'",
      ],
    ],
    [
      "a YAML syntax error",
      "owner: acme\ntargets: [a, b\nkinds: []\n",
      [
        "repos.yaml:3:1: (syntax): found invalid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]), allowed one well-formed YAML document",
      ],
    ],
    [
      "a key written twice",
      "owner: acme\nowner: acme2\ntargets: []\n",
      [
        "repos.yaml:2:1: (syntax): found a key written twice in one map, allowed one well-formed YAML document",
      ],
    ],
    [
      "two YAML documents",
      "owner: acme\n---\ntargets: []\n",
      [
        "repos.yaml:2:1: (syntax): found a second YAML document (a '---' line), allowed one well-formed YAML document",
      ],
    ],
    [
      "targets missing",
      "owner: acme\n",
      ["repos.yaml:1:1: targets: found nothing, allowed a list of targets"],
    ],
    [
      "targets not a list",
      "owner: acme\ntargets:\n  name: a\n  kind: sdk\n",
      ["repos.yaml:3:3: targets: found a map, allowed a list of targets"],
    ],
    [
      "an empty targets list",
      "owner: acme\ntargets: []\n",
      ["repos.yaml:2:10: targets: found an empty list, allowed a list of at least one target"],
    ],
    [
      "a target that is not a map",
      "owner: acme\ntargets:\n  - python-sdk\n",
      [
        "repos.yaml:3:5: targets[0]: found 'python-sdk', allowed a map with name and kind, and optionally owner, orchestrators and meta",
      ],
    ],
    [
      "a misspelt key, with the key it meant",
      "owner: acme\ntargets:\n  - name: a\n    knd: sdk\n",
      [
        "repos.yaml:3:5: targets[0].kind: found nothing, allowed a kind (a word such as sdk)",
        `repos.yaml:4:5: targets[0].knd: found unknown key 'knd', allowed ${TARGET_KEYS} (did you mean 'kind'?)`,
      ],
    ],
    [
      "a misspelt top-level key",
      "owner: acme\nkind: [sdk]\ntargets:\n  - { name: a, kind: sdk }\n",
      [
        "repos.yaml:2:1: kind: found unknown key 'kind', allowed the keys owner, kinds, targets (did you mean 'kinds'?)",
      ],
    ],
    [
      "an unknown key unlike any known one",
      "owner: acme\ntargets:\n  - { name: a, kind: sdk, visibility: private }\n",
      [
        `repos.yaml:3:27: targets[0].visibility: found unknown key 'visibility', allowed ${TARGET_KEYS}`,
      ],
    ],
    [
      "a missing name",
      "owner: acme\ntargets:\n  - kind: sdk\n",
      [`repos.yaml:3:5: targets[0].name: found nothing, allowed ${NAME}`],
    ],
    [
      "an empty kind",
      "owner: acme\ntargets:\n  - name: a\n    kind: ''\n",
      ["repos.yaml:4:11: targets[0].kind: found '', allowed a kind (a word such as sdk)"],
    ],
    [
      "a kind outside kinds, with the closest kind",
      "owner: acme\nkinds: [sdk, docs]\ntargets:\n  - name: a\n    kind: sdks\n  - name: b\n    kind: website\n",
      [
        "repos.yaml:5:11: targets[0].kind: found 'sdks', allowed one of the kinds sdk, docs (did you mean 'sdk'?)",
        "repos.yaml:7:11: targets[1].kind: found 'website', allowed one of the kinds sdk, docs",
      ],
    ],
    [
      "an empty kinds list",
      "owner: acme\nkinds: []\ntargets:\n  - { name: a, kind: sdk }\n",
      [
        "repos.yaml:2:8: kinds: found an empty list, allowed a list of at least one kind name (omit the key for any kind)",
      ],
    ],
    [
      "invalid repository names",
      "owner: acme\ntargets:\n  - { name: my repo, kind: x }\n  - { name: '..', kind: x }\n  - { name: a/b, kind: x }\n",
      [
        `repos.yaml:3:13: targets[0].name: found 'my repo', allowed ${NAME}`,
        `repos.yaml:4:13: targets[1].name: found '..', allowed ${NAME}`,
        `repos.yaml:5:13: targets[2].name: found 'a/b', allowed ${NAME}`,
      ],
    ],
    [
      "a repository name over 100 characters",
      `owner: acme\ntargets:\n  - { name: ${"n".repeat(101)}, kind: x }\n`,
      [`repos.yaml:3:13: targets[0].name: found '${"n".repeat(101)}', allowed ${NAME}`],
    ],
    [
      "a name YAML reads as a number",
      "owner: acme\ntargets:\n  - { name: 2048, kind: x }\n",
      [`repos.yaml:3:13: targets[0].name: found the number 2048, allowed ${NAME}`],
    ],
    [
      "invalid owners: leading hyphen, double hyphen, too long",
      `owner: -acme\ntargets:\n  - { name: a, kind: x, owner: acme--labs }\n  - { name: b, kind: x, owner: ${"o".repeat(40)} }\n`,
      [
        `repos.yaml:1:8: owner: found '-acme', allowed ${OWNER}`,
        `repos.yaml:3:32: targets[0].owner: found 'acme--labs', allowed ${OWNER}`,
        `repos.yaml:4:32: targets[1].owner: found '${"o".repeat(40)}', allowed ${OWNER}`,
      ],
    ],
    [
      "no owner anywhere",
      "targets:\n  - { name: a, kind: x, owner: acme }\n  - name: b\n    kind: x\n",
      [
        "repos.yaml:3:5: targets[1].owner: found nothing (and no top-level 'owner'), allowed an owner on this target, or a top-level 'owner' for every target",
      ],
    ],
    [
      "the same repository twice, in another case, naming both lines",
      "owner: acme\ntargets:\n  - name: api\n    kind: x\n  - name: web\n    kind: x\n  - name: API\n    kind: y\n",
      [
        "repos.yaml:7:11: targets[2].name: found 'acme/API' again (first at repos.yaml:3:11 as 'acme/api'), allowed each owner/name once (GitHub compares names case-insensitively)",
      ],
    ],
    [
      "the same repository through the default owner and an explicit one",
      "owner: acme\ntargets:\n  - { name: api, kind: x }\n  - { name: api, kind: x, owner: ACME }\n",
      [
        "repos.yaml:4:13: targets[1].name: found 'ACME/api' again (first at repos.yaml:3:13 as 'acme/api'), allowed each owner/name once (GitHub compares names case-insensitively)",
      ],
    ],
    [
      "orchestrators and meta that are not maps",
      "owner: acme\ntargets:\n  - name: a\n    kind: x\n    orchestrators: [claude]\n    meta: platform\n",
      [
        "repos.yaml:5:20: targets[0].orchestrators: found a list, allowed a map of orchestrator names to their settings (omit the key for none)",
        "repos.yaml:6:11: targets[0].meta: found 'platform', allowed a map of free-form fields (omit the key for none)",
      ],
    ],
    [
      "an empty orchestrators key",
      "owner: acme\ntargets:\n  - name: a\n    kind: x\n    orchestrators:\n",
      [
        "repos.yaml:5:19: targets[0].orchestrators: found null (an empty value), allowed a map of orchestrator names to their settings (omit the key for none)",
      ],
    ],
  ])("%s", (_label, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it("collects every problem of a file, in file order", () => {
    const found = problems(
      [
        "owner: acme",
        "kinds: [sdk]",
        "targets:",
        "  - name: a",
        "    kind: docs",
        "  - nme: b",
        "    kind: sdk",
        "  - name: a",
        "    kind: sdk",
      ].join("\n"),
    );
    expect(found.map((p) => p.split(": ").slice(0, 2).join(": "))).toEqual([
      "repos.yaml:5:11: targets[0].kind",
      "repos.yaml:6:5: targets[1].name",
      "repos.yaml:6:5: targets[1].nme",
      "repos.yaml:8:11: targets[2].name",
    ]);
  });

  it("names the file as given", () => {
    expect(() => parseRegistry("owner: acme\n", "config/fleet.yaml")).toThrow(
      /^config\/fleet\.yaml:1:1: targets: /,
    );
  });
});

describe("loadRegistry", () => {
  const dir = mkdtempSync(join(tmpdir(), "fleet-registry-"));

  it("reads a file and names it as the caller wrote it", () => {
    const path = join(dir, "ok.yaml");
    writeFileSync(path, "owner: acme\ntargets:\n  - { name: a, kind: x }\n");
    expect(loadRegistry(path, "ok.yaml").targets[0]!.repository).toBe("acme/a");
    expect(() => loadRegistry(join(dir, "missing.yaml"), "missing.yaml")).toThrow(RegistryError);
  });

  it("reports a missing file with where it looked", () => {
    const path = join(dir, "missing.yaml");
    expect(() => loadRegistry(path, "missing.yaml")).toThrow(
      `missing.yaml: found no file (looked for ${path}), allowed an existing registry file`,
    );
  });

  it("reports a directory", () => {
    mkdirSync(join(dir, "folder"));
    expect(() => loadRegistry(join(dir, "folder"), "folder")).toThrow(
      "folder: found a directory, allowed a registry file",
    );
  });

  it("reports an empty file", () => {
    writeFileSync(join(dir, "empty.yaml"), "");
    expect(() => loadRegistry(join(dir, "empty.yaml"), "empty.yaml")).toThrow(
      "empty.yaml:1:1: (root): found an empty file",
    );
  });

  it("refuses a file over 5 MB without parsing it", () => {
    const path = join(dir, "huge.yaml");
    const size = MAX_REGISTRY_BYTES + 1;
    writeFileSync(path, "#".repeat(size));
    expect(() => loadRegistry(path, "huge.yaml")).toThrow(
      `huge.yaml: found ${size} bytes, allowed at most 5242880 bytes (5 MB)`,
    );
  });
});
