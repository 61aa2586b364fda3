import { describe, expect, it } from "vitest";
import { readInputs } from "../../core/inputs.ts";
import { projectOwner, schema } from "./inputs.ts";

const read = (raw: Record<string, string>) =>
  readInputs(schema, (name) => raw[name] ?? "", { GITHUB_TOKEN: "t0ken-value" });

const errorOf = (raw: Record<string, string>) => {
  try {
    read({ repositories: "acme/a", "project-number": "7", ...raw });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the inputs to be refused");
};

describe("roadmap-backfill inputs", () => {
  it("defaults to a dry run at Status 'Todo' on the first repository's org", () => {
    const inputs = read({ repositories: "acme/a, other/b", "project-number": "7" });
    expect(inputs).toEqual({
      repositories: ["acme/a", "other/b"],
      token: "t0ken-value",
      "api-url": "https://api.github.com",
      "dry-run": true,
      "project-owner": "",
      "project-number": 7,
      "status-field": "Status",
      "status-value": "Todo",
      "max-adds": 200,
      "min-remaining": 100,
      "max-rate-limit-wait-seconds": 900,
    });
    expect(projectOwner(inputs)).toBe("acme");
    expect(projectOwner({ ...inputs, "project-owner": "acme-labs" })).toBe("acme-labs");
  });

  it("requires a positive project-number", () => {
    expect(errorOf({ "project-number": "" })).toBe("Input 'project-number': is required");
    expect(errorOf({ "project-number": "0" })).toBe(
      "Input 'project-number': found '0', allowed a whole number from 1 to 2147483647",
    );
  });

  it("refuses a project-owner that cannot be an org login", () => {
    expect(errorOf({ "project-owner": "acme/roadmap" })).toBe(
      "Input 'project-owner': found 'acme/roadmap', allowed an organization login (letters, digits and single hyphens, at most 39 characters)",
    );
  });

  it("refuses a max-adds of zero", () => {
    expect(errorOf({ "max-adds": "0" })).toBe(
      "Input 'max-adds': found '0', allowed a whole number from 1 to 100000",
    );
  });
});
