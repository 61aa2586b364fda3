import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { InputError } from "./inputs.ts";

// Every path input resolves here, and only inside the workspace: an input is a caller's
// string, and a path such as /proc/self/environ or ../../x would otherwise be read and, in an
// error, printed. No error here ever quotes what a file holds.

/** 1 MiB: far above any registry or outcome file, far below a runaway read. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** The folder path inputs are relative to: the runner's workspace, or the CLI's current directory. */
export function workspaceRoot(env: NodeJS.ProcessEnv, cwd: string): string {
  return env.GITHUB_WORKSPACE || cwd;
}

const allowed = (root: string) =>
  `allowed a path inside the workspace (${root}), relative to it, to a file fleet may read`;

/**
 * The real path of `value` under `root`, or an InputError naming the input and the rule. The
 * workspace itself is a path only a folder input may name.
 */
function insideWorkspace(input: string, value: string, root: string, folder = false): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new InputError(
      `${input}: found ${JSON.stringify(value)}, which holds control characters; ${allowed(root)}`,
    );
  }
  const realRoot = realpathSync(root);
  let real: string;
  try {
    real = realpathSync(resolve(realRoot, value));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new InputError(
      `${input}: found '${value}', which does not exist (looked for ${resolve(realRoot, value)}); ${allowed(root)}`,
    );
  }
  const within = relative(realRoot, real);
  if ((within === "" && !folder) || within.startsWith("..") || isAbsolute(within)) {
    throw new InputError(
      `${input}: found '${value}', which is outside the workspace; ${allowed(root)}`,
    );
  }
  return real;
}

/** Reads at most `maxBytes` of a regular file; more is an error, whatever its size claims. */
function readBounded(input: string, value: string, path: string, maxBytes: number): string {
  if (!statSync(path).isFile()) {
    throw new InputError(
      `${input}: found '${value}', which is not a regular file; allowed a regular file`,
    );
  }
  const buffer = Buffer.alloc(maxBytes + 1);
  const fd = openSync(path, "r");
  let length = 0;
  try {
    // A file under /proc says it has 0 bytes: trust only what the reads return.
    for (let n = -1; n !== 0 && length <= maxBytes; length += n) {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
  } finally {
    closeSync(fd);
  }
  if (length > maxBytes) {
    throw new InputError(
      `${input}: found '${value}', larger than ${maxBytes} bytes; allowed at most ${maxBytes} bytes`,
    );
  }
  return buffer.subarray(0, length).toString("utf8");
}

/** The text of the file input `input` names, checked: inside the workspace, regular, bounded. */
export function readWorkspaceFile(
  input: string,
  value: string,
  root: string,
  maxBytes = MAX_INPUT_FILE_BYTES,
): string {
  return readBounded(input, value, insideWorkspace(input, value, root), maxBytes);
}

/** A file or a folder of files inside the workspace, as the `outcomes` input takes them. */
export type WorkspaceEntry =
  { kind: "file"; text: string } | { kind: "folder"; files: { name: string; read(): string }[] };

/**
 * The file or folder input `input` names. A folder's files are listed by name (sorted); each
 * is checked as a file input of its own when read, so a link inside it cannot lead out.
 */
export function workspaceEntry(
  input: string,
  value: string,
  root: string,
  maxBytes = MAX_INPUT_FILE_BYTES,
): WorkspaceEntry {
  const path = insideWorkspace(input, value, root);
  if (!statSync(path).isDirectory()) {
    return { kind: "file", text: readBounded(input, value, path, maxBytes) };
  }
  const names = readdirSync(path).sort();
  return {
    kind: "folder",
    files: names.map((name) => ({
      name,
      read: () => readWorkspaceFile(input, join(value, name), root, maxBytes),
    })),
  };
}

/** The folder input `input` names (the workspace itself, or a folder inside it), checked. */
export function workspaceFolder(input: string, value: string, root: string): string {
  const path = insideWorkspace(input, value, root, true);
  if (!statSync(path).isDirectory()) {
    throw new InputError(`${input}: found '${value}', which is not a folder; allowed a folder`);
  }
  return path;
}
