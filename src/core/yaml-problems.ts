/**
 * Problems of a YAML file as lines `file:LINE:COL: field.path: found X, allowed Y`: parsing
 * that keeps positions, finding the node (or key) a field path points at, and writing the
 * lines in file order. What the lines say is worded by the caller (see problem-wording.ts).
 */
import { isMap, LineCounter, parseDocument, type Document } from "yaml";

/** A field's place in a document: map keys and list indexes, as zod issues give them. */
export type FieldPath = readonly PropertyKey[];

/**
 * One problem of a document, at `offset` (a position in the text, 0 when there is none).
 * `found` and `allowed` make `found X, allowed Y`; `message` is a text that says both already.
 */
export type Problem = { offset: number; path: FieldPath } & (
  { found: string; allowed: string } | { message: string }
);

/** Where problems point: a position in words, and the position of a field or a map's key. */
export interface Locator {
  /** `file:LINE:COL` of an offset (or just the name, for data that has no text). */
  where(offset: number): string;
  /** Offset of the node at `path`, or of its nearest ancestor that exists (a missing key's map). */
  offsetOf(path: FieldPath): number;
  /** Offset of the key `key` of the map at `path` (an unknown key is the culprit, not its value). */
  keyOffset(path: FieldPath, key: string): number;
}

/** A YAML text parsed for validation: its document, and a Locator into the text. */
export interface YamlSource extends Locator {
  /** Syntax problems are in `doc.errors`; a text of nothing but comments has null contents. */
  doc: Document;
  /** The document as plain data. Throws on alias bombs (over 1000 alias expansions). */
  toJS(): unknown;
}

type Ranged = { range?: [number, number, number] } | null | undefined;

/**
 * Parses `text` as one YAML document (JSON reads too) that keeps node positions; a key
 * written twice is a syntax error, as is a second document. `file` starts every `where`.
 */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const offsetOf = (path: FieldPath): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = (node as Ranged)?.range;
      if (range) return range[0];
    }
    return 0;
  };
  return {
    doc,
    toJS: () => doc.toJS({ maxAliasCount: 1000 }) as unknown,
    where(offset) {
      const { line, col } = lineCounter.linePos(offset);
      return `${file}:${line}:${col}`;
    },
    offsetOf,
    keyOffset(path, key) {
      const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
      if (isMap(map)) {
        for (const pair of map.items) {
          const k = pair.key as ({ value?: unknown } & Ranged) | null;
          if (k?.range && String(k.value) === key) return k.range[0];
        }
      }
      return offsetOf(path);
    },
  };
}

/** A Locator for data given without a text: every problem is at `name`, in the order found. */
export function dataLocator(name: string): Locator {
  return { where: () => name, offsetOf: () => 0, keyOffset: () => 0 };
}

/** `targets[3].kind`; the document itself is `(root)`. */
export function formatPath(path: FieldPath): string {
  if (path.length === 0) return "(root)";
  return path
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join("");
}

/** The problems as lines `where: path: found X, allowed Y`, in text order (ties as given). */
export function problemLines(
  problems: readonly Problem[],
  where: (offset: number) => string,
): string[] {
  return [...problems]
    .sort((a, b) => a.offset - b.offset)
    .map((p) => {
      const text = "message" in p ? p.message : `found ${p.found}, allowed ${p.allowed}`;
      return `${where(p.offset)}: ${formatPath(p.path)}: ${text}`;
    });
}
