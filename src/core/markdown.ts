/**
 * Text for one cell of a Markdown table: a pipe would end the cell early and a line break the
 * row, so pipes are escaped and each run of line breaks becomes one space.
 */
export function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

/** Text for the inside of a Markdown link: a bracket would end the link text early. */
export function linkText(text: string): string {
  return text.replace(/[[\]]/g, "\\$&");
}

/** A Markdown link. */
export function link(text: string, url: string): string {
  return `[${linkText(text)}](${url})`;
}
