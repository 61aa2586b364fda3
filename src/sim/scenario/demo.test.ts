import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRegistry, type Registry } from "../../core/registry.ts";
import { getProject, getRepo, type SimState } from "../state.ts";
import { demoScenario } from "./demo.ts";
import { dumpState } from "./dump.ts";

const registryFile = resolve(import.meta.dirname, "..", "..", "..", "repos.yaml");
const NOW = Date.parse("2026-06-01T00:00:00Z");
const DAY = 86_400_000;

describe("demoScenario from the repository's repos.yaml", () => {
  let registry: Registry;
  let state: SimState;
  beforeAll(async () => {
    registry = loadRegistry(registryFile);
    state = await demoScenario({ registry: registryFile, now: NOW });
  });

  const onBoard = (number: number, owner: string, nodeId: string) =>
    getProject(state, owner, number)!.items.some((i) => i.contentNodeId === nodeId);

  it("has every registered target under its owner, and nothing else", () => {
    expect(state.repos.size).toBe(registry.targets.length);
    for (const t of registry.targets)
      expect(getRepo(state, t.owner, t.name)?.full_name).toBe(t.repository);
  });

  it("pins an ADL version in every agent's .adl-version, one agent already on the newer one", () => {
    const versions = registry.targets.map((t) => [
      t.name,
      t.kind,
      getRepo(state, t.owner, t.name)!.branches.get("main")!.files.get(".adl-version")?.content,
    ]);
    for (const [name, kind, content] of versions) {
      if (kind !== "agent") expect(content).toBeUndefined();
      else expect(content).toBe(name === "release-agent" ? "0.10.0\n" : "0.9.3\n");
    }
    expect(versions.filter(([, kind]) => kind === "agent").length).toBeGreaterThan(2);
  });

  it("gives every target issues of all ages: idle past 30 days, already stale, exempt, pull requests", () => {
    for (const t of registry.targets) {
      const repo = getRepo(state, t.owner, t.name)!;
      const open = repo.issues.filter((i) => i.state === "open" && !i.is_pull_request);
      const exempt = (i: (typeof open)[number]) =>
        i.labels.includes("pinned") || i.labels.includes("security");
      const idle = open.filter(
        (i) =>
          !exempt(i) && !i.labels.includes("stale") && NOW - Date.parse(i.updated_at) > 30 * DAY,
      );
      const fresh = open.filter((i) => NOW - Date.parse(i.updated_at) < 30 * DAY);
      const stale = open.filter(
        (i) => i.labels.includes("stale") && i.comments.some((c) => c.user === "fleet-bot[bot]"),
      );
      expect(idle.length, t.repository).toBeGreaterThan(0);
      expect(fresh.length, t.repository).toBeGreaterThan(0);
      expect(stale.length, t.repository).toBeGreaterThan(0);
      expect(repo.issues.filter(exempt).length, t.repository).toBeGreaterThan(0);
      expect(repo.issues.filter((i) => i.is_pull_request).length, t.repository).toBeGreaterThan(0);
    }
  });

  it("gives every target runs of live and retired workflows, many skipped; cd.yml on agents only", () => {
    for (const t of registry.targets) {
      const repo = getRepo(state, t.owner, t.name)!;
      const runs = [...repo.runs.values()];
      const retired = new Set(repo.workflows.filter((w) => w.state === "deleted").map((w) => w.id));
      expect(
        runs.some((r) => retired.has(r.workflow_id)),
        t.repository,
      ).toBe(true);
      expect(
        runs.some((r) => !retired.has(r.workflow_id)),
        t.repository,
      ).toBe(true);
      expect(
        runs.filter((r) => r.conclusion === "skipped").length / runs.length,
        t.repository,
      ).toBeGreaterThan(0.25);
      expect(new Set(runs.map((r) => r.conclusion)).size, t.repository).toBeGreaterThanOrEqual(3);
      const cd = repo.workflows.find((w) => w.path === ".github/workflows/cd.yml");
      if (t.kind === "agent") expect(cd?.dispatchInputs, t.repository).toEqual({});
      else expect(cd, t.repository).toBeUndefined();
    }
  });

  it("gives every owner board 7 'Roadmap' with its Status options, and issues on it, elsewhere, on none", () => {
    for (const owner of new Set(registry.targets.map((t) => t.owner))) {
      const roadmap = getProject(state, owner, 7)!;
      expect(roadmap.title).toBe("Roadmap");
      const status = roadmap.fields.find((f) => f.name === "Status")!;
      expect(status.options.map((o) => o.name)).toEqual(["Todo", "In progress", "QA", "Done"]);
      const open = [...state.repos.values()]
        .filter((r) => r.owner === owner)
        .flatMap((r) => r.issues.filter((i) => i.state === "open" && !i.is_pull_request));
      const boardsOf = (id: string) =>
        state.projects.filter((p) => p.owner === owner && onBoard(p.number, owner, id));
      expect(open.filter((i) => onBoard(7, owner, i.node_id)).length, owner).toBeGreaterThan(0);
      expect(
        open.filter((i) => boardsOf(i.node_id).some((p) => p.number !== 7)).length,
        owner,
      ).toBeGreaterThan(0);
      expect(open.filter((i) => boardsOf(i.node_id).length === 0).length, owner).toBeGreaterThan(0);
    }
  });

  it("has the admin token, and is the same state for the same moment", async () => {
    const admin = state.tokens.get(state.adminToken);
    expect(admin?.repositories).toBe("*");
    expect(admin?.permissions.organization_projects).toBe("write");
    const again = await demoScenario({ registry: registryFile, now: NOW });
    expect(dumpState(again)).toBe(dumpState(state));
  });
});

describe("demoScenario from another registry", () => {
  it("archives targets marked archived, and merges owners that differ only in case", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-demo-"));
    const file = join(dir, "repos.yaml");
    writeFileSync(
      file,
      [
        "owner: Acme",
        "targets:",
        "  - { name: api, kind: sdk }",
        "  - { name: old, kind: none, owner: acme, meta: { archived: true } }",
      ].join("\n"),
    );
    const state = await demoScenario({ registry: file, now: NOW, seed: 9 });
    expect(state.orgs.size).toBe(1);
    expect(getRepo(state, "acme", "old")?.archived).toBe(true);
    expect(getRepo(state, "acme", "api")?.archived).toBe(false);
    expect(state.seed).toBe(9);
  });
});
