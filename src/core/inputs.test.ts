import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  apiUrlInput,
  input,
  InputError,
  inputMeta,
  readInputs,
  secretInputs,
  splitList,
  tokenInput,
} from "./inputs.ts";

const schema = z.object({
  repositories: input.repositories(),
  token: tokenInput(),
  "api-url": apiUrlInput(),
  "dry-run": input.boolean({ default: true }),
  "days-before-stale": input.integer({ default: 30, min: 1, max: 36500 }),
  "close-reason": input.choice(["not_planned", "completed"], { default: "not_planned" }),
  "exempt-labels": input.list({ default: "pinned,security" }),
  payload: input.jsonObject({ default: "{}", maxKeys: 2 }),
});

const read = (
  raw: Record<string, string>,
  env: NodeJS.ProcessEnv = { GITHUB_TOKEN: "t0ken-value" },
) => readInputs(schema, (name) => raw[name] ?? "", env);

describe("readInputs", () => {
  it("applies defaults, splits lists and fills runner context defaults from the environment", () => {
    const inputs = read({ repositories: "acme/a,\nacme/b\n, acme/a" });
    expect(inputs).toEqual({
      repositories: ["acme/a", "acme/b"],
      token: "t0ken-value",
      "api-url": "https://api.github.com",
      "dry-run": true,
      "days-before-stale": 30,
      "close-reason": "not_planned",
      "exempt-labels": ["pinned", "security"],
      payload: {},
    });
  });

  it("keeps repository names exactly as given", () => {
    expect(read({ repositories: "Acme-Labs/My.Repo" }).repositories).toEqual(["Acme-Labs/My.Repo"]);
  });

  it("names every bad input, what was found and what is allowed", () => {
    expect(() =>
      read({
        repositories: "acme",
        "dry-run": "yes",
        "days-before-stale": "0",
        "close-reason": "wontfix",
        payload: '{"a":1,"b":2,"c":3}',
      }),
    ).toThrow(
      new InputError(
        [
          "Input 'repositories': found 'acme', allowed owner/name entries separated by commas or newlines",
          "Input 'dry-run': found 'yes', allowed true or false",
          "Input 'days-before-stale': found '0', allowed a whole number from 1 to 36500",
          "Input 'close-reason': found 'wontfix', allowed one of not_planned, completed",
          `Input 'payload': found '{"a":1,"b":2,"c":3}', allowed a JSON object of at most 2 top-level keys (found 3)`,
        ].join("\n"),
      ),
    );
  });

  it("reports a missing required input and a missing token", () => {
    expect(() => read({}, {})).toThrow(
      "Input 'repositories': is required\nInput 'token': is required",
    );
  });

  it("rejects fractional numbers and non-URLs", () => {
    expect(() => read({ repositories: "a/b", "days-before-stale": "1.5" })).toThrow(
      /days-before-stale/,
    );
    expect(() => read({ repositories: "a/b", "api-url": "ftp://x" })).toThrow(
      "Input 'api-url': found 'ftp://x', allowed an http(s) URL",
    );
  });

  it("records action.yml facts for the manifest test", () => {
    expect(inputMeta(schema.shape.token)).toEqual({
      default: "${{ github.token }}",
      required: true,
      secret: true,
    });
    expect(inputMeta(schema.shape["dry-run"])).toEqual({
      default: "true",
      required: false,
      secret: false,
      allowed: "true or false",
    });
    expect(inputMeta(schema.shape.payload)?.allowed).toBe(
      "a JSON object (at most 2 top-level keys, nested at most 32 deep)",
    );
    expect(secretInputs(schema)).toEqual(["token"]);
  });
});

describe("splitList", () => {
  it("splits on commas and newlines and drops blanks", () => {
    expect(splitList(" a, b\n\nc ,")).toEqual(["a", "b", "c"]);
  });
});
