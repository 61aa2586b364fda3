import { describe, expect, it } from "vitest";
import { readInputs } from "../../core/inputs.ts";
import { parseConclusions } from "./conclusions.ts";
import { schema } from "./inputs.ts";

const read = (raw: Record<string, string>) =>
  readInputs(schema, (n) => raw[n] ?? "", { GITHUB_TOKEN: "t" });

describe("conclusions input", () => {
  it("accepts GitHub's conclusions, comma or newline separated, or all alone", () => {
    const some = parseConclusions(["skipped", "cancelled"]);
    expect(some.ok && some.value !== "all" && [...some.value]).toEqual(["skipped", "cancelled"]);
    expect(parseConclusions(["all"])).toEqual({ ok: true, value: "all" });
    expect(read({ repositories: "acme/a", conclusions: "skipped\ncancelled" }).conclusions).toEqual(
      ["skipped", "cancelled"],
    );
  });

  it("names the input, the unknown conclusion and the valid ones", () => {
    expect(() => read({ repositories: "acme/a", conclusions: "skipped,skiped" })).toThrow(
      "Input 'conclusions': found 'skiped', not a conclusion; allowed a comma list of action_required, cancelled, failure, neutral, skipped, stale, startup_failure, success, timed_out; or all",
    );
    expect(() => read({ repositories: "acme/a", conclusions: "all,skipped" })).toThrow(
      "Input 'conclusions': found 'all,skipped': 'all' stands alone",
    );
  });

  it("reports the other bad inputs by name too", () => {
    expect(() =>
      read({ repositories: "acme/a", "keep-last": "-1", "dry-run": "yes", "max-deletes": "0" }),
    ).toThrow(
      [
        "Input 'dry-run': found 'yes', allowed true or false",
        "Input 'keep-last': found '-1', allowed a whole number from 0 to 100000",
        "Input 'max-deletes': found '0', allowed a whole number from 1 to 1000000",
      ].join("\n"),
    );
  });
});
