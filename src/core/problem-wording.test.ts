import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allowedByIssue, describeValue, didYouMean, valueAt } from "./problem-wording.ts";

describe("valueAt", () => {
  const data = { targets: [{ name: "api", meta: null }], owner: "acme" };

  it("follows keys and indexes", () => {
    expect(valueAt(data, [])).toBe(data);
    expect(valueAt(data, ["owner"])).toBe("acme");
    expect(valueAt(data, ["targets", 0, "name"])).toBe("api");
    expect(valueAt(data, ["targets", 0, "meta"])).toBeNull();
  });

  it("is undefined past a missing or scalar value", () => {
    expect(valueAt(data, ["targets", 3, "name"])).toBeUndefined();
    expect(valueAt(data, ["owner", "x"])).toBeUndefined();
    expect(valueAt(data, ["targets", 0, "meta", "team"])).toBeUndefined();
  });
});

describe("describeValue", () => {
  it.each<[unknown, string, string]>([
    [undefined, "nothing", "nothing"],
    [null, "null (an empty value)", "null (an empty value)"],
    ["abc", "'abc'", "'abc'"],
    ["", "''", "''"],
    [3, "the number 3", "3"],
    [1.5, "the number 1.5", "1.5"],
    [true, "the boolean true", "true"],
    [[], "an empty list", "an empty list"],
    [[1], "a list", "a list"],
    [{}, "a map", "a map"],
  ])("%j is %s, or %s with bare scalars", (value, named, bare) => {
    expect(describeValue(value)).toBe(named);
    expect(describeValue(value, { bareScalars: true })).toBe(bare);
  });
});

describe("allowedByIssue", () => {
  /** The allowed half of the first issue `schema` raises for `value`. */
  const allowed = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error("the value was accepted");
    return allowedByIssue(result.error.issues[0]!);
  };

  it("words types, bounds and choices", () => {
    expect(allowed(z.number(), "x")).toBe("a number");
    expect(allowed(z.array(z.string()), {})).toBe("a list");
    expect(allowed(z.object({}), 3)).toBe("a map");
    expect(allowed(z.boolean(), 1)).toBe("true or false");
    expect(allowed(z.number().int(), 1.5)).toBe("an integer");
    expect(allowed(z.string().min(1), "")).toBe("a non-empty string");
    expect(allowed(z.array(z.string()).min(2), ["a"])).toBe("a list of at least 2");
    expect(allowed(z.array(z.string()).max(1), ["a", "b"])).toBe("a list of at most 1");
    expect(allowed(z.number().min(1), 0)).toBe("a number >= 1");
    expect(allowed(z.number().gt(1), 1)).toBe("a number > 1");
    expect(allowed(z.number().max(1), 2)).toBe("a number <= 1");
    expect(allowed(z.number().lt(1), 1)).toBe("a number < 1");
    expect(allowed(z.enum(["a", "b"]), "c")).toBe("one of 'a', 'b'");
    expect(allowed(z.record(z.string().min(2), z.number()), { x: 1 })).toBe(
      "keys that are a non-empty string",
    );
  });

  it("takes any other issue's message as it is", () => {
    expect(allowed(z.string().regex(/^\d+$/, "digits only"), "x")).toBe("digits only");
    expect(
      allowed(
        z.number().refine((n) => n % 2 === 0, "an even number"),
        3,
      ),
    ).toBe("an even number");
  });
});

describe("didYouMean", () => {
  it("suggests the nearest plausible candidate, or nothing", () => {
    expect(didYouMean("knd", ["name", "kind", "owner"])).toBe(" (did you mean 'kind'?)");
    expect(didYouMean("visibility", ["name", "kind", "owner"])).toBe("");
    expect(didYouMean("x", [])).toBe("");
  });
});
