import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { commitFolder, gitIn } from "../../sim/checkout.ts";

/** A throwaway git checkout: files committed at HEAD, then changed in the working tree. */
export interface Checkout {
  dir: string;
  git(...args: string[]): string;
  write(path: string, content: string | Buffer, executable?: boolean): void;
  remove(path: string): void;
  cleanup(): void;
}

/** A checkout whose HEAD commit holds `files` (text, or bytes; `+x` for executables). */
export function makeCheckout(
  files: Record<string, string | Buffer | { content: string; executable: true }>,
  root = tmpdir(),
): Checkout {
  const dir = mkdtempSync(join(root, "fleet-checkout-"));
  const git = gitIn(dir);
  const write = (path: string, content: string | Buffer, executable = false) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
    chmodSync(join(dir, path), executable ? 0o755 : 0o644);
  };
  for (const [path, value] of Object.entries(files)) {
    if (typeof value === "object" && !Buffer.isBuffer(value)) write(path, value.content, true);
    else write(path, value);
  }
  commitFolder(dir, "main", "base");
  return {
    dir,
    git,
    write,
    remove: (path) => rmSync(join(dir, path)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
