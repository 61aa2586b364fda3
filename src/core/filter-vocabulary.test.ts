import { describe, expect, it } from "vitest";
import { compileFilter, FilterError } from "./filter.ts";
import { checkFilterVocabulary } from "./filter-vocabulary.ts";
import type { Target } from "./registry.ts";

const target = (t: Partial<Target> & { name: string }): Target => ({
  owner: "acme",
  kind: "sdk",
  repository: `acme/${t.name}`,
  orchestrators: {},
  meta: {},
  ...t,
});

const targets = [
  target({ name: "python-sdk", meta: { team: "sdk", langs: ["py"] } }),
  target({ name: "tools", kind: "agent", orchestrators: { claude: { model: "opus" } } }),
];
const kinds = ["sdk", "docs", "agent", "none"];

const check = (expression: string, registry = { targets, kinds }) =>
  checkFilterVocabulary(compileFilter(expression), registry);

describe("checkFilterVocabulary", () => {
  it.each([
    "kind == 'agent'",
    "kind != 'DOCS'",
    "'none' != kind",
    "meta.team == 'sdk'",
    "META.Team == 'sdk'",
    "meta.langs[0] == 'py'",
    "contains(meta.langs, 'py')",
    "orchestrators.claude.model == 'opus'",
    "orchestrators.claude != null && kind != 'none'",
    "name == 'agnet'",
  ])("accepts %s", (expression) => {
    expect(() => check(expression)).not.toThrow();
  });

  it.each<[string, string]>([
    [
      "kind == 'agnet'",
      `filter "kind == 'agnet'": found kind 'agnet', allowed one of the kinds sdk, docs, agent, none (did you mean 'agent'?)`,
    ],
    [
      "'sdks' != kind",
      `filter "'sdks' != kind": found kind 'sdks', allowed one of the kinds sdk, docs, agent, none (did you mean 'sdk'?)`,
    ],
    [
      "meta.teem == 'sdk'",
      `filter "meta.teem == 'sdk'": found meta.teem, which no target has; keys of meta that targets have: team, langs (did you mean meta.team?)`,
    ],
    [
      "orchestrators.claude.modle == 'opus' || orchestrators.codex",
      `filter "orchestrators.claude.modle == 'opus' || orchestrators.codex": found orchestrators.claude.modle, which no target has; keys of orchestrators.claude that targets have: model (did you mean orchestrators.claude.model?); found orchestrators.codex, which no target has; keys of orchestrators that targets have: claude`,
    ],
  ])("rejects %s", (expression, message) => {
    expect(() => check(expression)).toThrow(new FilterError(message));
  });

  it("leaves kinds alone when the registry declares none", () => {
    expect(() => check("kind == 'agnet'", { targets, kinds: undefined! })).not.toThrow();
  });
});
