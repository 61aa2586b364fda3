import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { schema as dispatchSchema } from "../src/actions/dispatch/inputs.ts";
import { schema as pinSchema } from "../src/actions/pin-promote/inputs.ts";
import { validateInputs } from "../src/actions/pin-promote/validate.ts";
import { compileFilter, FilterError } from "../src/core/filter.ts";
import { InputError, readInputs } from "../src/core/inputs.ts";
import { parseRegistry, RegistryError } from "../src/core/registry.ts";

// Generated hostile input against every parser a caller's string reaches: each input either
// parses or is refused with the error type that names it, never a crash, a hang or a request
// (these functions reach no network: nothing they are given can make one).

const seed = 20261201;
const runs = { seed, numRuns: 200 };

let refusals = 0;

/** Whatever `parse` throws must be one of `types`, and its message must name `name`. */
function refusedCleanly(
  parse: () => unknown,
  types: (new (...a: never[]) => Error)[],
  name: RegExp,
) {
  try {
    parse();
  } catch (error) {
    expect(
      types.some((t) => error instanceof t),
      String(error),
    ).toBe(true);
    expect((error as Error).message).toMatch(name);
    refusals++;
  }
}

const yamlish = fc.oneof(
  fc.string({ maxLength: 200, unit: "binary" }),
  fc
    .array(
      fc.constantFrom(
        "owner: acme\n",
        "targets:\n",
        "  - name: ",
        "x",
        "\n",
        "    kind: ",
        "{",
        "[",
        "&a ",
        "*a",
        "!!js ",
        "- ",
        ": ",
        "'",
        '"',
        "meta: {a: [1, {b: 2}]}\n",
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join("")),
);

describe("fuzz: hostile input is parsed or refused by name", () => {
  // Each property must have met input it refuses, or it proved nothing.
  beforeEach(() => (refusals = 0));
  afterEach(() => expect(refusals).toBeGreaterThan(0));

  it("the registry parser", () => {
    fc.assert(
      fc.property(yamlish, (text) =>
        refusedCleanly(() => parseRegistry(text, "repos.yaml"), [RegistryError], /repos\.yaml/),
      ),
      runs,
    );
  });

  it("filters", () => {
    const tokens = fc.constantFrom(
      "kind",
      "==",
      "!=",
      "'agent'",
      '"x"',
      "(",
      ")",
      "&&",
      "||",
      "!",
      "meta.team",
      "fromJSON(",
      "contains(",
      ",",
      "null",
      "1",
      "[",
      "]",
      "${{",
      "}}",
      " ",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.array(tokens, { maxLength: 20 }).map((t) => t.join("")),
        ),
        (expression) => refusedCleanly(() => compileFilter(expression), [FilterError], /^filter /),
      ),
      runs,
    );
  });

  it("digests, paths and names given to pin-promote", () => {
    const field = fc.oneof(
      fc.string({ maxLength: 90, unit: "binary" }),
      fc.constantFrom("/%2e%2e/x", "sha256:", "/a/%252e%252e/b", "/cp/admin"),
    );
    fc.assert(
      fc.property(field, field, field, (digest, path, template) =>
        refusedCleanly(
          () =>
            validateInputs(
              readInputs(
                pinSchema,
                (name) =>
                  ({
                    "api-url": "https://cp.example/prod",
                    token: "cp-token-12345",
                    digest,
                    template,
                    "promote-path": path,
                  })[name] ?? "",
                {},
              ),
            ),
          [InputError],
          /Input '/,
        ),
      ),
      runs,
    );
  });

  it("dispatch payloads and refs", () => {
    const json = fc.oneof(
      fc.json({ maxDepth: 40 }),
      fc.string({ maxLength: 60 }),
      fc.integer({ min: 1, max: 3000 }).map((d) => `${'{"a":'.repeat(d)}1${"}".repeat(d)}`),
    );
    fc.assert(
      fc.property(json, fc.string({ maxLength: 30, unit: "binary" }), (payload, ref) => {
        for (const inputs of <Record<string, string>[]>[
          { mode: "repository", "event-type": "x", "client-payload": payload },
          { mode: "workflow", workflow: "cd.yml", ref, inputs: payload },
        ]) {
          refusedCleanly(
            () =>
              readInputs(
                dispatchSchema,
                (name) => ({ repositories: "acme/a", token: "t0ken-1234", ...inputs })[name] ?? "",
                {},
              ),
            [InputError],
            /Input '/,
          );
        }
      }),
      runs,
    );
  });
});
