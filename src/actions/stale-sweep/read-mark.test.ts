import { describe, expect, it } from "vitest";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import { readMark, type TimelineEntry } from "./read-mark.ts";

const day = 86_400_000;
const bot = "fleet-app[bot]";
const labeled = (at: number, actor = bot, label = "stale"): TimelineEntry => ({
  event: "labeled",
  actor,
  at,
  label,
});
const comment = (at: number, actor: string, body = "hi"): TimelineEntry => ({
  event: "commented",
  actor,
  at,
  body,
});

describe("readMark", () => {
  it("dates the mark and ignores the sweeper's own label and comment", () => {
    const mark = readMark(
      [
        comment(1 * day, "alice"),
        labeled(40 * day),
        comment(40 * day, bot, `stale ${markers.stale}`),
      ],
      "stale",
    );
    expect(mark).toEqual({
      markedAt: 40 * day,
      markedBy: bot,
      closeCommented: false,
      warnedAt: 40 * day,
    });
  });

  it("leaves a label without its stale comment unwarned, and takes a marked comment by anyone as the sweep's", () => {
    expect(readMark([labeled(9 * day)], "stale")?.warnedAt).toBeUndefined();
    const byHand = readMark(
      [labeled(9 * day, "erin"), comment(10 * day, bot, `stale ${markers.stale}`)],
      "stale",
    );
    expect(byHand).toEqual({
      markedAt: 9 * day,
      markedBy: "erin",
      closeCommented: false,
      warnedAt: 10 * day,
    });
  });

  it("reports the first activity by someone else after the mark", () => {
    const mark = readMark(
      [
        labeled(40 * day),
        { event: "mentioned", actor: "bob", at: 41 * day },
        comment(41 * day, "bob"),
      ],
      "stale",
    );
    expect(mark?.activity).toEqual({ event: "commented", actor: "bob", at: 41 * day });
  });

  it("counts any event by another actor, a deleted account included", () => {
    const relabel = readMark(
      [labeled(1), { event: "labeled", actor: "carol", at: 2, label: "bug" }],
      "stale",
    );
    expect(relabel?.activity?.actor).toBe("carol");
    const ghost = readMark([labeled(1), { event: "reopened", actor: null, at: 2 }], "stale");
    expect(ghost?.activity).toEqual({ event: "reopened", actor: null, at: 2 });
  });

  it("uses the last time the label was put on, matching its name case-insensitively", () => {
    const mark = readMark(
      [
        labeled(1),
        comment(2, "dave"),
        { event: "unlabeled", actor: "dave", at: 3, label: "stale" },
        labeled(9, bot, "Stale"),
      ],
      "stale",
    );
    expect(mark).toEqual({ markedAt: 9, markedBy: bot, closeCommented: false });
  });

  it("treats a human who put the label on as the marker", () => {
    const mark = readMark([labeled(5, "erin"), comment(6, "erin")], "stale");
    expect(mark).toEqual({ markedAt: 5, markedBy: "erin", closeCommented: false });
  });

  it("notices its own close comment after the mark", () => {
    const mark = readMark([labeled(5), comment(6, bot, `closing ${markers.close}`)], "stale");
    expect(mark?.closeCommented).toBe(true);
    const before = readMark([comment(4, bot, markers.close), labeled(5)], "stale");
    expect(before?.closeCommented).toBe(false);
  });

  // The one deliberate same-second tie (generated scenarios never have one): GitHub orders a
  // timeline by when things happened, so within one second its order decides.
  it("decides a human comment in the mark's own second by timeline order", () => {
    const before = readMark([comment(40 * day, "alice"), labeled(40 * day)], "stale");
    expect(before?.activity).toBeUndefined();
    const after = readMark([labeled(40 * day), comment(40 * day, "alice")], "stale");
    expect(after?.activity).toEqual({ event: "commented", actor: "alice", at: 40 * day });
  });

  it("cannot date a label its timeline never shows being added", () => {
    expect(readMark([comment(1, "alice"), labeled(2, bot, "bug")], "stale")).toBeUndefined();
  });
});
