/**
 * The title and body templates: `{{ target.<field> }}` from the matrix entry and
 * `{{ values.<key> }}` from the file the command wrote. The braces are fleet's, not the
 * runner's (`${{ }}` would be evaluated before the action ever saw the text).
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)\s*\}\}/g;

/** The values a command wrote: `key=value` lines; blank lines and `#` comments are skipped. */
export function parseValues(text: string, file: string): Record<string, string> {
  const values: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    const eq = line.indexOf("=");
    const key = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!/^[A-Za-z_][\w-]*$/.test(key))
      throw new Error(
        `${file}:${i + 1}: found ${JSON.stringify(line.slice(0, 80))}; allowed key=value lines (a key of letters, digits, _ and -), blank lines and # comments`,
      );
    values[key] = line.slice(eq + 1).trim();
  });
  return values;
}

/** What a template can name. */
export interface TemplateScope {
  target: Record<string, unknown>;
  values: Record<string, string>;
}

function lookup(scope: TemplateScope, path: string): string | undefined {
  let at: unknown = scope;
  for (const part of path.split(".")) {
    if (typeof at !== "object" || at === null || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  if (at === null || at === undefined) return undefined;
  return typeof at === "object" ? JSON.stringify(at) : String(at);
}

/** The placeholders of a template that name nothing, or name an empty value. */
export function unfilled(template: string, scope: TemplateScope): string[] {
  return [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((path) => (lookup(scope, path) ?? "") === "");
}

/** The template with its placeholders filled; call `unfilled` first to refuse missing ones. */
export function render(template: string, scope: TemplateScope): string {
  return template.replace(PLACEHOLDER, (_, path: string) => lookup(scope, path) ?? "");
}
