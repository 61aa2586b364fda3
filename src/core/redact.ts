/**
 * Replaces every occurrence of each secret in `text` with `***`. The runner masks values
 * registered with setSecret in its own log, but not in files we write (outputs, summary)
 * nor on a developer's terminal, so we scrub those ourselves.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("***");
  }
  return out;
}
