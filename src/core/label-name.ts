/** GitHub refuses label names longer than this ("name is too long (maximum is 50 characters)"). */
export const MAX_LABEL_LENGTH = 50;

// Emoji and the parts that join or modify them: GitHub refuses a name made only of these.
const emojiPart =
  /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u{e0020}-\u{e007f}]|\u200d|\ufe0f|\u20e3/gu;

// C0 and C1 controls, and the invisible marks that reorder or hide text (bidi overrides and
// isolates, as in "Trojan Source"): a label shows in every issue list, so what it says must
// be what it looks like.
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const isControl = (c: string) => /[\u0000-\u001f\u007f-\u009f]/.test(c);
const isBidi = (c: string) => /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(c);

/**
 * Why GitHub (or the issues API's comma-separated `labels` filter) would not accept `name` as
 * a label name, or undefined when it would.
 */
export function labelNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "a label name cannot be empty";
  if (name !== name.trim()) return "a label name cannot start or end with spaces";
  const length = [...name].length;
  if (length > MAX_LABEL_LENGTH)
    return `a label name is at most ${MAX_LABEL_LENGTH} characters (found ${length})`;
  if (name.includes(","))
    return "a label name cannot contain a comma (the issues API's labels filter splits on commas)";
  if ([...name].some(isControl)) return "a label name cannot contain control characters";
  if ([...name].some(isBidi))
    return "a label name cannot contain bidirectional control characters (such as U+202E)";
  if (name.replace(emojiPart, "").trim() === "") return "a label name needs more than emoji";
  return undefined;
}
