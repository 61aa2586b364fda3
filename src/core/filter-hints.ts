/**
 * Hints for the two filter mistakes people bring from other languages: strings in double
 * quotes (the expression language only has single-quoted strings) and `=` for `==`. The
 * parser's own message names the symbol it choked on but not what to write instead.
 */

type Part = { code: string } | { string: string };

/** `expression` cut into code and strings (single- or double-quoted), quotes removed. */
function parts(expression: string): Part[] {
  const out: Part[] = [];
  let code = "";
  for (let i = 0; i < expression.length; i++) {
    const quote = expression[i]!;
    if (quote !== "'" && quote !== '"') {
      code += quote;
      continue;
    }
    out.push({ code });
    code = "";
    let text = "";
    for (i++; i < expression.length; i++) {
      // A single-quoted string writes its quote twice; a double-quoted one escapes with \.
      if (quote === "'" && expression.startsWith("''", i)) text += expression[i++];
      else if (quote === '"' && expression[i] === "\\" && i + 1 < expression.length)
        text += expression[++i];
      else if (expression[i] === quote) break;
      else text += expression[i];
    }
    out.push({ string: text });
  }
  out.push({ code });
  return out;
}

/** The expression with every string single-quoted and, when `equals`, each lone `=` as `==`. */
function rewrite(expression: string, equals: boolean): string {
  return parts(expression)
    .map((part) =>
      "string" in part
        ? `'${part.string.replace(/'/g, "''")}'`
        : equals
          ? part.code.replace(/(?<![=!<>])=(?!=)/g, "==")
          : part.code,
    )
    .join("");
}

/** `; ...` with the fix for a parse error `message` on `expression`, or "" when there is none. */
export function syntaxHint(expression: string, message: string): string {
  if (/^Unexpected symbol: '"/.test(message)) {
    return `; strings take single quotes: ${rewrite(expression, false)}`;
  }
  if (/^Unexpected symbol: '='/.test(message)) {
    return `; compare with == (a single = is not an operator): ${rewrite(expression, true)}`;
  }
  return "";
}
