import { z } from "zod";
import type { Pin } from "./plan.ts";

const PinsResponse = z.object({
  runtime_image_pins: z.array(
    z.object({ template_name: z.string(), region: z.string(), image_digest: z.string() }),
  ),
});

/** The expected shape, for messages. */
export const expectedShape =
  '{"runtime_image_pins": [{"template_name", "region", "image_digest"}, ...]}';

/**
 * The pins of a listing's body, or the reason it is not the expected JSON (the body is never
 * guessed at: an unexpected shape fails, it does not read as "no pins").
 */
export function parsePins(text: string): { ok: true; pins: Pin[] } | { ok: false; why: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, why: `the body is not JSON (${(error as Error).message})` };
  }
  const parsed = PinsResponse.safeParse(json);
  if (parsed.success) return { ok: true, pins: parsed.data.runtime_image_pins };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  return { ok: false, why: `the body is not ${expectedShape} (${issues.join("; ")})` };
}
