import { createHash } from "node:crypto";

/** The git blob sha-1 of a UTF-8 text (`git hash-object`), as the contents API reports it. */
export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
