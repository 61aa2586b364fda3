import { describe, expect, it } from "vitest";
import { conditionalGet, etagMatches } from "./conditional.ts";
import { RawJson } from "./http.ts";

describe("conditionalGet", () => {
  it("tags a 200 by its bytes, whether built as an object or pre-serialized", () => {
    const fromObject = conditionalGet({ status: 200, body: { a: [1, 2] } }, undefined);
    const fromBytes = conditionalGet(
      { status: 200, body: new RawJson(Buffer.from('{"a":[1,2]}')) },
      undefined,
    );
    expect(fromObject.headers?.etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(fromBytes.headers?.etag).toBe(fromObject.headers?.etag);
    expect((fromObject.body as RawJson).bytes.toString()).toBe('{"a":[1,2]}');
    const other = conditionalGet({ status: 200, body: { a: [2, 1] } }, undefined);
    expect(other.headers?.etag).not.toBe(fromObject.headers?.etag);
  });

  it("turns a match into a bodiless 304 that keeps the other headers", () => {
    const etag = conditionalGet({ status: 200, body: [] }, undefined).headers?.etag ?? "";
    expect(conditionalGet({ status: 200, body: [], headers: { link: "<x>" } }, etag)).toEqual({
      status: 304,
      headers: { link: "<x>", etag },
    });
  });

  it("leaves anything but a 200 untouched", () => {
    const missing = { status: 404, body: { message: "Not Found" } };
    expect(conditionalGet(missing, "*")).toBe(missing);
  });
});

describe("etagMatches", () => {
  it("compares weakly, across a list, and takes `*` for any tag", () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc" ', 'W/"abc"')).toBe(true);
    expect(etagMatches("*", 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches("abc", 'W/"abc"')).toBe(false);
  });
});
