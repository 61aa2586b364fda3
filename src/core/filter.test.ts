import { describe, expect, it } from "vitest";
import { compileFilter, filterTargets, FilterError } from "./filter.ts";
import type { Target } from "./registry.ts";

const target = (t: Partial<Target> & { name: string }): Target => ({
  owner: "acme",
  kind: "sdk",
  repository: `${t.owner ?? "acme"}/${t.name}`,
  orchestrators: {},
  meta: {},
  ...t,
});

const targets = [
  target({ name: "python-sdk", meta: { team: "sdk", tier: 1 } }),
  target({ name: "docs", kind: "docs", meta: { team: "devrel" } }),
  target({ name: "cli", kind: "none", orchestrators: { claude: { model: "opus" } } }),
  target({
    name: "tools",
    owner: "acme-labs",
    kind: "agent",
    orchestrators: { claude: {}, codex: { enabled: false } },
    meta: { team: "platform", langs: ["go", "ts"] },
  }),
];

const select = (expression: string) =>
  filterTargets(targets, compileFilter(expression)).map((t) => t.name);

describe("compileFilter", () => {
  it.each<[string, string[]]>([
    ["true", ["python-sdk", "docs", "cli", "tools"]],
    ["false", []],
    ["kind != 'none'", ["python-sdk", "docs", "tools"]],
    ["kind == 'agent'", ["tools"]],
    // Expression string comparison ignores case, as in a workflow's `if:`.
    ["kind == 'AGENT'", ["tools"]],
    ["orchestrators.claude != null", ["cli", "tools"]],
    ["orchestrators.claude.model == 'opus'", ["cli"]],
    [`contains(fromJSON('["sdk","docs"]'), kind)`, ["python-sdk", "docs"]],
    ["meta.team == 'platform'", ["tools"]],
    ["meta.tier >= 1", ["python-sdk"]],
    ["contains(meta.langs, 'go')", ["tools"]],
    ["owner == 'acme-labs' || startsWith(name, 'py')", ["python-sdk", "tools"]],
    ["repository == 'acme/docs'", ["docs"]],
    ["!(kind == 'none') && meta.team", ["python-sdk", "docs", "tools"]],
    ["${{ kind == 'docs' }}", ["docs"]],
    ["  ${{kind=='docs'}}  ", ["docs"]],
  ])("%s", (expression, expected) => {
    expect(select(expression)).toEqual(expected);
  });

  it("keeps the expression without its ${{ }} wrapping", () => {
    expect(compileFilter("${{ kind != 'none' }}").expression).toBe("kind != 'none'");
  });

  it.each<[string, string]>([
    [
      "kindd == 'sdk'",
      `filter "kindd == 'sdk'": unknown name 'kindd' at column 1; names allowed: name, owner, kind, repository, orchestrators, meta (did you mean 'kind'?)`,
    ],
    [
      "github.event_name == 'push'",
      `filter "github.event_name == 'push'": unknown name 'github' at column 1; names allowed: name, owner, kind, repository, orchestrators, meta`,
    ],
    ["kind ==", `filter "kind ==": Unexpected end of expression: '==' at column 6`],
    [
      "kind = 'sdk'",
      `filter "kind = 'sdk'": Unexpected symbol: '='. Located at position 6 within expression: kind = 'sdk'; compare with == (a single = is not an operator): kind == 'sdk'`,
    ],
    [
      `kind == "sdk" && meta.team != "it's"`,
      `filter "kind == "sdk" && meta.team != "it's"": Unexpected symbol: '"sdk"'. Located at position 9 within expression: kind == "sdk" && meta.team != "it's"; strings take single quotes: kind == 'sdk' && meta.team != 'it''s'`,
    ],
    [
      `name == 'a=b' || kind = "x\\"y"`,
      `filter "name == 'a=b' || kind = "x\\"y"": Unexpected symbol: '='. Located at position 23 within expression: name == 'a=b' || kind = "x\\"y"; compare with == (a single = is not an operator): name == 'a=b' || kind == 'x"y'`,
    ],
    [
      "matches(kind, 'sdk')",
      `filter "matches(kind, 'sdk')": unknown function 'matches' at column 1; functions allowed: case, contains, endsWith, format, fromJson, join, startsWith, toJson`,
    ],
    ["${{ }}", `filter "\${{ }}": found an empty expression, allowed e.g. 'true'`],
    ["", `filter "": found an empty expression, allowed e.g. 'true'`],
  ])("rejects %j naming the expression", (expression, message) => {
    expect(() => compileFilter(expression)).toThrow(new FilterError(message));
  });

  it("reports an evaluation failure with the target it failed on", () => {
    const filter = compileFilter("contains(fromJSON(meta.team), 'x')");
    expect(() => filter.matches(targets[0]!)).toThrow(
      `filter "contains(fromJSON(meta.team), 'x')" failed on acme/python-sdk: Error parsing JSON when evaluating fromJson`,
    );
  });

  it("evaluates 10,000 targets quickly with one compiled filter", () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      target({ name: `r${i}`, kind: i % 5 === 0 ? "none" : "sdk", meta: { team: `t${i % 7}` } }),
    );
    const filter = compileFilter("kind != 'none' && meta.team == 't3'");
    const selected = filterTargets(many, filter);
    expect(selected).toHaveLength(many.filter((_, i) => i % 5 !== 0 && i % 7 === 3).length);
  });
});
