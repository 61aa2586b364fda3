import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact } from "./redact.ts";
import { secretForms } from "./secret-forms.ts";

const token = "ghp_A+b/C=d<e>&f'g h!1";

/** A server echoing a token embedded in a longer value, in one encoding. */
const echoes: Record<string, (s: string) => string> = {
  exact: (s) => `token ${s} refused`,
  "JSON string": (s) => JSON.stringify({ message: `bad ${s}` }),
  "JSON with \\/": (s) => JSON.stringify({ message: s }).replaceAll("/", "\\/"),
  "JSON \\u00XX, upper case": (s) =>
    `"${s.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`)}"`,
  "JSON \\u00XX for + only": (s) =>
    `{"t":"${JSON.stringify(s).slice(1, -1).replaceAll("+", "\\u002B")}"}`,
  "URL-encoded": (s) => `https://x.example/?t=${encodeURIComponent(s)}&a=1`,
  "URL-encoded, lower-case hex": (s) =>
    encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
  "form-encoded": (s) => new URLSearchParams({ t: s }).toString(),
  "Basic auth (base64, offset 2)": (s) =>
    `Basic ${Buffer.from(`x-access-token:${s}`).toString("base64")}`,
  "base64, offset 1": (s) => Buffer.from(`a${s}zz`).toString("base64"),
  "base64url, offset 0": (s) => Buffer.from(`${s}!`).toString("base64url"),
  "Bearer header": (s) => `authorization: Bearer ${s}`,
};

describe("redact, with every form of a secret", () => {
  it.each(Object.entries(echoes))("removes a token echoed %s", (_, echo) => {
    const text = echo(token);
    const scrubbed = redact(text, [token]);
    expect(scrubbed).toContain("***");
    for (const form of secretForms(token)) expect(scrubbed).not.toContain(form);
    expect(scrubbed).not.toContain("ghp_A");
  });

  it("leaves secrets too short to mask alone", () => {
    expect(secretForms("abc")).toEqual([]);
    expect(redact("abc abc", ["abc"])).toBe("abc abc");
  });

  it("never lets a generated secret through in any encoding", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40, unit: "binary" }),
        fc.constantFrom(...Object.values(echoes)),
        fc.string({ maxLength: 20 }),
        (secret, echo, around) => {
          const scrubbed = redact(`${around}${echo(secret)}${around}`, [secret]);
          expect(scrubbed).not.toContain(secret);
          expect(scrubbed).not.toContain(echo(secret));
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });
});
