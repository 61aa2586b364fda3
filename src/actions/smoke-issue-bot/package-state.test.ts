import { describe, expect, it } from "vitest";
import { formatMarker, parseMarker, replaceMarker } from "./marker.ts";
import { freshState, parseState, serializeState } from "./package-state.ts";

describe("state files", () => {
  it("round-trips and writes equal states as equal text", () => {
    const s = { ...freshState("alpha"), failures: 2, issue: 4 };
    const text = serializeState(s);
    expect(parseState(text, "smoke-state/alpha.json", "alpha")).toEqual(s);
    expect(serializeState({ ...s })).toBe(text);
  });

  it.each([
    ["{", "smoke-state/alpha.json: malformed JSON ("],
    ['{"version": 2}', "smoke-state/alpha.json: version: "],
    [
      serializeState({ ...freshState("alpha"), failures: -1 }),
      "smoke-state/alpha.json: failures: ",
    ],
    [
      serializeState(freshState("beta")),
      "smoke-state/alpha.json: package: found 'beta', allowed 'alpha'",
    ],
  ])("refuses an unreadable file instead of resetting the count: %s", (text, message) => {
    expect(() => parseState(text, "smoke-state/alpha.json", "alpha")).toThrow(message);
  });
});

describe("marker", () => {
  it("identifies the package and remembers milestones", () => {
    const body = `${formatMarker({ package: "alpha", milestones: [14, 7] })}\nbody`;
    expect(parseMarker(body)).toEqual({ package: "alpha", milestones: [7, 14] });
    expect(parseMarker(replaceMarker(body, { package: "alpha", milestones: [7, 14, 21] }))).toEqual(
      {
        package: "alpha",
        milestones: [7, 14, 21],
      },
    );
    expect(replaceMarker(body, { package: "alpha", milestones: [] }).endsWith("\nbody")).toBe(true);
  });

  it("tells a body without a marker from a marker a human broke", () => {
    expect(parseMarker("just text")).toBeUndefined();
    expect(parseMarker(null)).toBeUndefined();
    expect(parseMarker("<!-- fleet:smoke-issue-bot {nope} -->")).toMatchObject({
      problem: expect.stringContaining("its marker is not JSON"),
    });
    expect(parseMarker('<!-- fleet:smoke-issue-bot {"package":"../x"} -->')).toEqual({
      problem: 'its marker names no valid package (found "../x")',
    });
  });
});
