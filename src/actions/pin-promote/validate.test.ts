import { describe, expect, it } from "vitest";
import { InputError, readInputs } from "../../core/inputs.ts";
import { schema } from "./inputs.ts";
import { validateInputs } from "./validate.ts";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const TOKEN = "cp-token-5f2e9c1d";

/** The inputs a workflow would pass, before action.yml's defaults apply. */
const DEFAULT_INPUTS: Readonly<Record<string, string>> = Object.freeze({
  "api-url": "https://cp.example.com",
  token: TOKEN,
  template: "runtime",
  digest: DIGEST,
});

const parse = (overrides: Record<string, string> = {}) =>
  validateInputs(
    readInputs(schema, (name) => ({ ...DEFAULT_INPUTS, ...overrides })[name] ?? "", {}),
  );

/** The InputError's lines (every problem is collected), never containing the token. */
function problems(overrides: Record<string, string>): string[] {
  try {
    parse(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).not.toContain(TOKEN);
    return message.split("\n");
  }
  throw new Error("expected the inputs to be rejected");
}

describe("validateInputs", () => {
  it("applies action.yml's defaults", () => {
    expect(parse()).toEqual({
      mode: "promote-and-verify",
      apiUrl: "https://cp.example.com",
      token: TOKEN,
      template: "runtime",
      digest: DIGEST,
      region: "global",
      environment: "cp.example.com",
      promotePath: "/cp/admin/runtime-image/promote",
      pinsPath: "/cp/admin/runtime-image",
      timeoutMs: 60_000,
      intervalMs: 5_000,
      dryRun: false,
    });
  });

  it("keeps a given environment label and trims a digest read from a file", () => {
    const req = parse({ environment: "prod", digest: `${DIGEST}\n` });
    expect(req.environment).toBe("prod");
    expect(req.digest).toBe(DIGEST);
  });

  it.each([
    ["uppercase hex", `sha256:${"0123456789ABCDEF".repeat(4)}`, "uppercase hex is not allowed"],
    ["63 digits", DIGEST.slice(0, -1), "it has 63 hex digits instead of 64"],
    ["65 digits", `${DIGEST}0`, "it has 65 hex digits instead of 64"],
    ["sha512", `sha512:${"ab".repeat(64)}`, "'sha512:' digests are not accepted, only sha256"],
    ["no prefix", "0123456789abcdef".repeat(4), "the 'sha256:' prefix is missing"],
    ["not hex", `sha256:${"g".repeat(64)}`, "it has characters other than 0-9 and a-f"],
  ])("rejects a digest with %s", (_, digest, why) => {
    // Long values are shown cut at 100 characters.
    const shown = digest.length > 100 ? `${digest.slice(0, 100)}...` : digest;
    expect(problems({ digest })).toEqual([
      `Input 'digest': found '${shown}', allowed 'sha256:' followed by 64 lowercase hex digits (the OCI digest rule): ${why}`,
    ]);
  });

  it("allows plain http only for loopback, and never echoes credentials in the URL", () => {
    expect(parse({ "api-url": "http://127.0.0.1:8080/prod/" }).apiUrl).toBe(
      "http://127.0.0.1:8080/prod",
    );
    expect(parse({ "api-url": "http://localhost:1" }).environment).toBe("localhost:1");
    expect(problems({ "api-url": "http://cp.example.com" })).toEqual([
      "Input 'api-url': found 'http://cp.example.com', allowed an https URL (plain http only for loopback: 127.0.0.1, localhost, [::1])",
    ]);
    const lines = problems({ "api-url": "https://deploy:hunter2pass@cp.example.com" });
    expect(lines).toEqual([
      "Input 'api-url': contains credentials (not shown), allowed a URL without user or password; pass the token through the token input",
    ]);
    expect(problems({ "api-url": "https://cp.example.com/?env=prod" })[0]).toContain(
      "allowed a URL without a query or fragment",
    );
  });

  it("collects every problem: names, paths, token, environment", () => {
    expect(
      problems({
        template: "run time",
        region: "-eu",
        token: "Bearer cp-token-5f2e9c1d",
        "promote-path": "cp/promote",
        "pins-path": "/cp/../admin",
        environment: "prod/eu",
      }),
    ).toEqual([
      "Input 'template': found 'run time', allowed a simple name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters",
      "Input 'region': found '-eu', allowed a simple name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters",
      "Input 'token': contains spaces or control characters (not shown), allowed one word: the token alone, without 'Bearer '",
      "Input 'promote-path': found 'cp/promote', allowed a path starting with '/', without spaces, control characters, '?', '#', '\\', '//', '.' or '..', even percent-encoded",
      "Input 'pins-path': found '/cp/../admin', allowed a path starting with '/', without spaces, control characters, '?', '#', '\\', '//', '.' or '..', even percent-encoded",
      "Input 'environment': found 'prod/eu', allowed a label of letters, digits, spaces, '.', '_' and '-', at most 64 characters",
    ]);
  });

  it("leaves missing values and bad numbers to the schema, naming the input", () => {
    expect(() => parse({ token: "" })).toThrow("Input 'token': is required");
    expect(() => parse({ "verify-interval-seconds": "0" })).toThrow(
      "Input 'verify-interval-seconds': found '0', allowed a whole number from 1 to 600",
    );
    expect(() => parse({ mode: "promote-only" })).toThrow(
      "Input 'mode': found 'promote-only', allowed one of promote, verify, promote-and-verify",
    );
  });
});
