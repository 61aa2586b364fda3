import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface BundleRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses a GITHUB_OUTPUT file (`name<<DELIM\nvalue\nDELIM` blocks, or `name=value`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!);
      out[name!] = value.join("\n");
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}

/**
 * Spawns an action bundle the way a runner does: inputs as `INPUT_<NAME>` (upper-cased,
 * hyphens kept), outputs and summary to temp files, removed once read. `bundle` defaults to the committed
 * `actions/<name>/dist/index.cjs`.
 */
export async function runBundle(
  name: string,
  inputs: Record<string, string>,
  o: { env?: NodeJS.ProcessEnv; bundle?: string; cwd?: string } = {},
): Promise<BundleRun> {
  const dir = mkdtempSync(join(tmpdir(), `fleet-${name}-`));
  try {
    const outputFile = join(dir, "output");
    const summaryFile = join(dir, "summary");
    writeFileSync(outputFile, "");
    writeFileSync(summaryFile, "");
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...o.env,
    };
    for (const [key, value] of Object.entries(inputs)) env[`INPUT_${key.toUpperCase()}`] = value;
    const bundle = o.bundle ?? resolve("actions", name, "dist", "index.cjs");
    const child = spawn(process.execPath, [bundle], { env, cwd: o.cwd ?? process.cwd() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number>((done) => child.on("close", (c) => done(c ?? 1)));
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputFile(readFileSync(outputFile, "utf8")),
      summary: readFileSync(summaryFile, "utf8"),
    };
  } finally {
    // Everything the run wrote has been read: a demo must not leave a folder per bundle run.
    rmSync(dir, { recursive: true, force: true });
  }
}
