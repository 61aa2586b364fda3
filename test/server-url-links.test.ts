import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDemo } from "../src/demo/run-demo.ts";

const GHE = "https://ghe.example";
/** Markdown link targets: `[text](url)`. */
const linkTargets = (markdown: string) =>
  [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

// Every action's committed bundle, dry run and real, on an Enterprise Server runner: every
// link in every job summary is built on GITHUB_SERVER_URL, none on a hard-coded github.com.
describe("job summary links on GitHub Enterprise Server", () => {
  const outDir = mkdtempSync(join(tmpdir(), "fleet-ghe-"));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("point at GITHUB_SERVER_URL in every summary of every action", async () => {
    await runDemo({ registry: "repos.yaml", outDir, write: () => {}, serverUrl: GHE });
    const files = readdirSync(outDir).filter((f) => f.endsWith(".md"));
    const linked = new Set<string>();
    for (const file of files) {
      const summary = readFileSync(join(outDir, file), "utf8");
      expect(summary, file).not.toMatch(/github\.com/);
      const targets = linkTargets(summary);
      if (targets.length > 0) linked.add(file.split("-")[0]!);
      // On Gitea the web root is the Gitea server's, whatever GITHUB_SERVER_URL says.
      if (file.startsWith("dispatch-gitea-")) continue;
      for (const url of targets) expect(url, file).toMatch(new RegExp(`^${GHE}/`));
    }
    for (const action of ["resolve", "stale", "cleanup", "roadmap", "smoke", "dispatch"])
      expect([...linked], `${action} summaries have links`).toContain(action);
  }, 180_000);
});

// The demo's own servers stop when it ends: its summaries name what they would link to, and
// link neither to a github.com that has none of it nor to a port that is gone.
describe("job summary links in the demo", () => {
  const outDir = mkdtempSync(join(tmpdir(), "fleet-demo-links-"));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("are left out, the names kept, and each table is headed by what its rows are", async () => {
    const said: string[] = [];
    await runDemo({ registry: "repos.yaml", outDir, write: (line) => void said.push(line) });
    const files = readdirSync(outDir).filter((f) => f.endsWith(".md"));
    for (const file of files) {
      const summary = readFileSync(join(outDir, file), "utf8");
      expect(summary, file).not.toMatch(/github\.com/);
      expect(linkTargets(summary), file).toEqual([]);
    }
    const stale = readFileSync(join(outDir, "stale-sweep-real.md"), "utf8");
    expect(stale).toMatch(/^\| acme\/[\w.-]+ \| /m);
    const pins = files.filter((f) => f.startsWith("pin-promote-"));
    expect(pins.length).toBeGreaterThan(0);
    for (const file of pins) {
      const summary = readFileSync(join(outDir, file), "utf8");
      expect(summary, file).toContain("| environment | status |");
    }
    expect(said.at(-1)).toContain("links left out");
    // The terminal's tables too: a dry run's columns say would, pin-promote's rows are environments.
    const terminal = said.join("\n");
    expect(terminal).toMatch(
      /stale-sweep \(dry run[^\n]*\n {2}repository +status +planned +would do +would leave/,
    );
    expect(terminal).toMatch(
      /pin-promote \(for real\)\n {2}environment +status +planned +done +left/,
    );
  }, 180_000);
});
