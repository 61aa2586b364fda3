import { secretPattern } from "./secret-forms.ts";

/**
 * Replaces every occurrence of each secret in `text`, in every form a server may echo it in
 * (see secretPattern), with `***`. The runner masks values registered with setSecret in its
 * own log, but not in files we write (outputs, summary) nor on a developer's terminal, so we
 * scrub those ourselves.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // A longer secret first, so that a shorter one inside it cannot leave part of it behind.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    const pattern = secretPattern(secret);
    if (pattern) out = out.replace(pattern, "***");
  }
  return out;
}
