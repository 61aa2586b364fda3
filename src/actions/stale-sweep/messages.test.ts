import { describe, expect, it } from "vitest";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import { messageProblem, render } from "./messages.ts";

describe("comment bodies", () => {
  it("fills {days} and {label} and ends with the hidden marker", () => {
    expect(
      render(
        "Closing in {days} days; remove `{label}`.",
        { days: 7, label: "stale" },
        markers.stale,
      ),
    ).toBe("Closing in 7 days; remove `stale`.\n\n<!-- fleet stale-sweep: stale -->");
  });

  it("leaves braces that are not placeholders alone", () => {
    expect(render("use {} or { days }", { days: 1, label: "s" }, markers.close)).toMatch(
      /^use \{\} or \{ days \}\n\n/,
    );
  });

  it("names unknown placeholders and what is allowed", () => {
    expect(messageProblem("closing in {day} days, {labels}")).toBe(
      "unknown placeholder {day}, {labels}; allowed {days}, {label}",
    );
    expect(messageProblem("fine: {days} {label}")).toBeUndefined();
  });

  it("refuses a message GitHub would refuse as too long", () => {
    expect(messageProblem("x".repeat(70000))).toMatch(/^too long for a GitHub comment/);
  });
});
