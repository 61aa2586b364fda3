import { describe, expect, it } from "vitest";
import { sanitizeBody } from "./sanitize-body.ts";

describe("sanitizeBody", () => {
  it("redacts the known secrets and credential-looking fragments", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl";
    const body = JSON.stringify({
      error: "upstream refused",
      echo: { access_token: "abc123", apiKey: "k-1", note: "sent s3cr3t-value" },
      header: "Authorization: Bearer zzzzzzzzzzzz",
      url: "https://cp.example/x?token=qqqq&page=2",
      jwt,
      gh: `ghs_${"A".repeat(36)}`,
    });
    const out = sanitizeBody(body, { secrets: ["s3cr3t-value"] });
    for (const leaked of ["abc123", "k-1", "s3cr3t-value", "zzzzzzzzzzzz", "qqqq", jwt, "ghs_"])
      expect(out).not.toContain(leaked);
    expect(out).toContain('"error":"upstream refused"');
    expect(out).toContain("page=2");
  });

  it("keeps digests and ordinary prose", () => {
    const text = `invalid token provided for template runtime: sha256:${"ab".repeat(32)}`;
    expect(sanitizeBody(text)).toBe(text);
    expect(sanitizeBody("bearer auth required")).toBe("bearer auth required");
  });

  it("folds whitespace and caps the length after redacting", () => {
    expect(sanitizeBody("a\n\n  b\tc")).toBe("a b c");
    expect(sanitizeBody("0123456789SECRETVALUE", { secrets: ["SECRETVALUE"], max: 15 })).toBe(
      "0123456789***",
    );
    expect(sanitizeBody("x".repeat(20), { max: 15 })).toBe(
      `${"x".repeat(15)}... (5 more characters)`,
    );
  });
});
