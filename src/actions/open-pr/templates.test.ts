import { describe, expect, it } from "vitest";
import { parseValues, render, unfilled } from "./templates.ts";

describe("templates", () => {
  const scope = {
    target: { name: "support-agent", orchestrators: { claude: { model: "opus" } } },
    values: { from: "1.0.0", to: "1.1.0", empty: "" },
  };

  it("fills target fields, nested ones and values", () => {
    expect(
      render(
        "bump {{ values.from }} -> {{values.to}} in {{ target.name }} ({{ target.orchestrators.claude.model }})",
        scope,
      ),
    ).toBe("bump 1.0.0 -> 1.1.0 in support-agent (opus)");
  });

  it("names the placeholders that are missing or empty", () => {
    expect(unfilled("{{ values.empty }} {{ values.nope }} {{ target.name }}", scope)).toEqual([
      "values.empty",
      "values.nope",
    ]);
  });

  it("reads key=value lines and refuses anything else with its line", () => {
    expect(parseValues("# moves\nfrom=1.0.0\n\nto = 1.1.0 \n", "v.env")).toEqual({
      from: "1.0.0",
      to: "1.1.0",
    });
    expect(() => parseValues("from=1\nnot a pair\n", "v.env")).toThrow(
      /^v\.env:2: found "not a pair"; allowed key=value lines/,
    );
  });
});
