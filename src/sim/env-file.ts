import { renameSync, rmSync, writeFileSync } from "node:fs";

/**
 * Writes `KEY=value` lines to `path` in one step (a temporary file renamed over it), so a
 * script waiting for the file to appear never reads half of it. Readable by its owner only:
 * it holds a token. Returns the function that removes it again.
 */
export function writeEnvFile(path: string, vars: Record<string, string>): () => void {
  const text = Object.entries(vars)
    .map(([key, value]) => `${key}=${value}\n`)
    .join("");
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, text, { mode: 0o600 });
  renameSync(partial, path);
  return () => rmSync(path, { force: true });
}
