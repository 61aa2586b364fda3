import { describe, expect, it } from "vitest";
import { dataLocator, formatPath, parseYamlSource, problemLines } from "./yaml-problems.ts";

const text = [
  "owner: acme", // line 1
  "targets:",
  "  - name: api", // line 3
  "    kind: sdk",
  "  - { name: web, knd: x }", // line 5
].join("\n");

describe("formatPath", () => {
  it("writes keys with dots and indexes in brackets; the document is (root)", () => {
    expect(formatPath([])).toBe("(root)");
    expect(formatPath(["owner"])).toBe("owner");
    expect(formatPath(["targets", 1, "kind"])).toBe("targets[1].kind");
    expect(formatPath([0, "a", 2, 3])).toBe("[0].a[2][3]");
  });
});

describe("parseYamlSource", () => {
  const source = parseYamlSource(text, "repos.yaml");
  const at = (offset: number) => source.where(offset);

  it("points at the node of a path, as file:LINE:COL", () => {
    expect(at(source.offsetOf([]))).toBe("repos.yaml:1:1");
    expect(at(source.offsetOf(["owner"]))).toBe("repos.yaml:1:8");
    expect(at(source.offsetOf(["targets", 0]))).toBe("repos.yaml:3:5");
    expect(at(source.offsetOf(["targets", 0, "kind"]))).toBe("repos.yaml:4:11");
    expect(at(source.offsetOf(["targets", 1, "name"]))).toBe("repos.yaml:5:13");
  });

  it("points a missing field at its nearest ancestor that exists", () => {
    expect(at(source.offsetOf(["targets", 0, "owner"]))).toBe("repos.yaml:3:5");
    expect(at(source.offsetOf(["targets", 7, "name"]))).toBe("repos.yaml:3:3");
    expect(at(source.offsetOf(["missing", "deeper"]))).toBe("repos.yaml:1:1");
  });

  it("points an unknown key at the key, and a key it cannot find at the map", () => {
    expect(at(source.keyOffset(["targets", 1], "knd"))).toBe("repos.yaml:5:18");
    expect(at(source.keyOffset([], "targets"))).toBe("repos.yaml:2:1");
    expect(at(source.keyOffset(["targets", 1], "nothing"))).toBe("repos.yaml:5:5");
    // A list has no keys: the list itself is the place.
    expect(at(source.keyOffset(["targets"], "0"))).toBe("repos.yaml:3:3");
  });

  it("gives the data, keeps syntax problems in doc.errors, and refuses alias bombs", () => {
    expect(source.toJS()).toEqual({
      owner: "acme",
      targets: [
        { name: "api", kind: "sdk" },
        { name: "web", knd: "x" },
      ],
    });
    expect(parseYamlSource("a: 1\na: 2\n", "f").doc.errors.map((e) => e.code)).toEqual([
      "DUPLICATE_KEY",
    ]);
    expect(parseYamlSource("a: 1\n---\nb: 2\n", "f").doc.errors.map((e) => e.code)).toEqual([
      "MULTIPLE_DOCS",
    ]);
    // Each level repeats the one before ten times: 10^4 expansions from a few lines.
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const [previous, name] of ["ab", "bc", "cd", "de"]) {
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    expect(() => parseYamlSource(bomb.join("\n"), "bomb.yaml").toJS()).toThrow(/alias/i);
  });

  it("reads JSON, with positions", () => {
    const json = parseYamlSource('{\n  "seed": 3,\n  "orgs": []\n}', "s.json");
    expect(json.where(json.offsetOf(["orgs"]))).toBe("s.json:3:11");
  });
});

describe("problemLines", () => {
  it("writes found/allowed or a whole message, in text order, ties in the order given", () => {
    const lines = problemLines(
      [
        { offset: 30, path: ["targets", 0, "kind"], found: "'x'", allowed: "a kind" },
        { offset: 2, path: [], message: "found a list, allowed a map" },
        { offset: 30, path: ["targets", 0, "knd"], found: "unknown key 'knd'", allowed: "kind" },
      ],
      (offset) => `f:${offset}`,
    );
    expect(lines).toEqual([
      "f:2: (root): found a list, allowed a map",
      "f:30: targets[0].kind: found 'x', allowed a kind",
      "f:30: targets[0].knd: found unknown key 'knd', allowed kind",
    ]);
  });

  it("names data without a text by its name, in the order found", () => {
    const locator = dataLocator("scenario");
    expect(locator.offsetOf(["a", 1])).toBe(0);
    expect(locator.keyOffset(["a"], "b")).toBe(0);
    const lines = problemLines(
      [
        { offset: locator.offsetOf(["b"]), path: ["b"], found: "nothing", allowed: "a map" },
        { offset: locator.keyOffset([], "a"), path: ["a"], found: "1", allowed: "2" },
      ],
      locator.where,
    );
    expect(lines).toEqual([
      "scenario: b: found nothing, allowed a map",
      "scenario: a: found 1, allowed 2",
    ]);
  });
});
