import { tableCell as cell } from "../../core/markdown.ts";
import type { DispatchRequest } from "./plan.ts";

const MAX_BODY = 300;

/** A JSON body as a code span, shortened; double backticks when the JSON holds one. */
function code(text: string): string {
  const short = text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}...` : text;
  return short.includes("`") ? `\`\` ${short} \`\`` : `\`${short}\``;
}

/** The table of requests: what was sent, or in a dry run what would have been. */
export function requestsTable(
  requests: readonly { repository: string; request: DispatchRequest }[],
  dryRun: boolean,
): string {
  if (requests.length === 0) return "";
  const lines = [
    `### ${dryRun ? "Requests a real run would send" : "Requests sent"}`,
    "",
    "| repository | request | body |",
    "| --- | --- | --- |",
  ];
  for (const { repository, request } of requests)
    lines.push(
      `| ${cell(repository)} | ${cell(code(request.display))} | ${cell(code(JSON.stringify(request.body)))} |`,
    );
  return lines.join("\n");
}
