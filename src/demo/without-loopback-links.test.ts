import { describe, expect, it } from "vitest";
import { withoutLoopbackLinks } from "./without-loopback-links.ts";

describe("withoutLoopbackLinks", () => {
  it("keeps the text of links to loopback servers and leaves other links alone", () => {
    const md = [
      "| [acme/app](http://127.0.0.1:40123/acme/app) | ok |",
      "- [would add #4 a \\[draft\\]](http://localhost:3000/acme/app/issues/4)",
      "- [run 7](http://[::1]:8080/acme/app/actions/runs/7)",
      "- [acme/web](https://ghe.example/acme/web)",
    ].join("\n");
    expect(withoutLoopbackLinks(md)).toBe(
      [
        "| acme/app | ok |",
        "- would add #4 a \\[draft\\]",
        "- run 7",
        "- [acme/web](https://ghe.example/acme/web)",
      ].join("\n"),
    );
  });
});
