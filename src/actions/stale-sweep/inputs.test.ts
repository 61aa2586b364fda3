import { describe, expect, it } from "vitest";
import { readInputs } from "../../core/inputs.ts";
import { defaultCloseMessage, defaultStaleMessage, schema } from "./inputs.ts";

const read = (raw: Record<string, string>) =>
  readInputs(schema, (name) => raw[name] ?? "", { GITHUB_TOKEN: "t0ken-value" });

const errorOf = (raw: Record<string, string>) => {
  try {
    read({ repositories: "acme/a", ...raw });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the inputs to be refused");
};

describe("stale-sweep inputs", () => {
  it("defaults to a dry run with the documented knobs", () => {
    expect(read({ repositories: "acme/a, acme/b" })).toEqual({
      repositories: ["acme/a", "acme/b"],
      token: "t0ken-value",
      "api-url": "https://api.github.com",
      "dry-run": true,
      "days-before-stale": 30,
      "days-before-close": 7,
      "stale-label": "stale",
      "exempt-labels": ["pinned", "security", "sdk-drift", "adk-drift", "docs-coverage"],
      "stale-message": defaultStaleMessage,
      "close-message": defaultCloseMessage,
      "close-reason": "not_planned",
      "max-operations": 300,
      "min-remaining": 100,
      "max-rate-limit-wait-seconds": 900,
    });
  });

  it("refuses zero or negative days, naming the input and what is allowed", () => {
    expect(errorOf({ "days-before-stale": "0" })).toBe(
      "Input 'days-before-stale': found '0', allowed a whole number from 1 to 36500",
    );
    expect(errorOf({ "days-before-close": "-3" })).toBe(
      "Input 'days-before-close': found '-3', allowed a whole number from 1 to 36500",
    );
  });

  it("refuses an unknown close reason", () => {
    expect(errorOf({ "close-reason": "wontfix" })).toBe(
      "Input 'close-reason': found 'wontfix', allowed one of not_planned, completed",
    );
  });

  it("refuses label names GitHub would reject", () => {
    expect(errorOf({ "stale-label": "x".repeat(51) })).toBe(
      `Input 'stale-label': found '${"x".repeat(51)}': a label name is at most 50 characters (found 51)`,
    );
    expect(errorOf({ "exempt-labels": "pinned\n🙂" })).toBe(
      "Input 'exempt-labels': found '🙂': a label name needs more than emoji",
    );
  });

  it("refuses the stale label among the exempt ones", () => {
    expect(errorOf({ "stale-label": "Stale", "exempt-labels": "pinned,stale" })).toMatch(
      /^Input 'exempt-labels': found the stale label 'stale': .* would never close/,
    );
  });

  it("refuses a message with an unknown placeholder", () => {
    expect(errorOf({ "close-message": "closed after {day} days" })).toBe(
      "Input 'close-message': unknown placeholder {day}; allowed {days}, {label}",
    );
  });

  it("lists every bad input at once", () => {
    expect(errorOf({ "stale-label": "a,b", "stale-message": "{x}" }).split("\n")).toHaveLength(2);
  });
});
