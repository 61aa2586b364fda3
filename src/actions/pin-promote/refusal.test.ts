import { describe, expect, it } from "vitest";
import { B, key } from "./pin.fixture.ts";
import { describeRefusal } from "./refusal.ts";

describe("describeRefusal", () => {
  const c = {
    method: "POST",
    url: "https://cp.example.com/cp/admin/runtime-image/promote",
    pathInput: "promote-path",
    doing: "promote",
    ...key,
    digest: B,
  } as const;

  it("says what 401, 403, 404 and 422 likely mean", () => {
    expect(describeRefusal(401, '{"error":"unauthorized"}', c)).toBe(
      `POST ${c.url} answered 401 Unauthorized: the control plane did not accept the token (missing, invalid, expired, or one of another environment); check the secret passed as token; response: {"error":"unauthorized"}`,
    );
    expect(describeRefusal(403, "", c)).toBe(
      `POST ${c.url} answered 403 Forbidden: the token is valid but may not promote on this control plane; use a token with that permission`,
    );
    expect(describeRefusal(404, "", c)).toContain(
      "Not Found: api-url or promote-path does not name an endpoint of this control plane, or it does not know template 'runtime'",
    );
    expect(describeRefusal(422, "", c)).toContain(
      `Unprocessable: the control plane refused template 'runtime', region 'global', digest ${B}`,
    );
  });

  it("names a redirect's target and any other status with what was expected", () => {
    expect(describeRefusal(301, "", c, "https://elsewhere.example/x")).toContain(
      "answered 301 (a redirect to https://elsewhere.example/x); set api-url to the address that answers directly",
    );
    expect(describeRefusal(202, "queued", c)).toBe(
      `POST ${c.url} answered 202, expected 200 or 201; response: queued`,
    );
  });
});
