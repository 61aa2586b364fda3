import { describe, expect, it } from "vitest";
import { A, pin } from "./pin.fixture.ts";
import { parsePins } from "./pins-response.ts";

describe("parsePins", () => {
  it("reads the listing and keeps only the fields it needs", () => {
    const text = JSON.stringify({
      runtime_image_pins: [{ ...pin(A), updated_at: "2026-01-01T00:00:00Z" }],
    });
    expect(parsePins(text)).toEqual({ ok: true, pins: [pin(A)] });
  });

  it("fails on a body that is not the expected JSON", () => {
    expect(parsePins("<html>")).toMatchObject({ ok: false, why: /^the body is not JSON/ });
    expect(parsePins('{"pins": []}')).toEqual({
      ok: false,
      why: 'the body is not {"runtime_image_pins": [{"template_name", "region", "image_digest"}, ...]} (runtime_image_pins: Invalid input: expected array, received undefined)',
    });
    expect(parsePins('{"runtime_image_pins": [{"template_name": "x", "region": "y"}]}')).toEqual({
      ok: false,
      why: 'the body is not {"runtime_image_pins": [{"template_name", "region", "image_digest"}, ...]} (runtime_image_pins.0.image_digest: Invalid input: expected string, received undefined)',
    });
  });
});
