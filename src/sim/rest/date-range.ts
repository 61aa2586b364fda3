/** A half-open interval of epoch milliseconds; a missing end is unbounded. */
export interface TimeRange {
  from?: number;
  /** Exclusive. */
  to?: number;
}

const DAY = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date or timestamp as the interval it names: a bare date is its whole (UTC) day. */
function span(raw: string): { start: number; end: number } | undefined {
  const ms = Date.parse(DATE_ONLY.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(ms)) return undefined;
  return { start: ms, end: DATE_ONLY.test(raw) ? ms + DAY : ms + 1 };
}

/**
 * GitHub's search date syntax as the runs `created` filter takes it: `2026-01-02`,
 * `>=2026-01-02`, `>`, `<`, `<=`, `2026-01-01..2026-01-31`, `*..2026-01-31`, `2026-01-01..*`,
 * dates or full timestamps. Returns undefined for anything else.
 */
export function parseDateRange(raw: string): TimeRange | undefined {
  const text = raw.trim();
  const op = /^(>=|<=|>|<)(.+)$/.exec(text);
  if (op) {
    const s = span(op[2] ?? "");
    if (!s) return undefined;
    switch (op[1]) {
      case ">=":
        return { from: s.start };
      case ">":
        return { from: s.end };
      case "<=":
        return { to: s.end };
      default:
        return { to: s.start };
    }
  }
  const range = /^(.+)\.\.(.+)$/.exec(text);
  if (range) {
    const [a = "", b = ""] = [range[1], range[2]];
    const from = a === "*" ? undefined : span(a);
    const to = b === "*" ? undefined : span(b);
    if ((a !== "*" && !from) || (b !== "*" && !to)) return undefined;
    return { from: from?.start, to: to?.end };
  }
  const s = span(text);
  return s ? { from: s.start, to: s.end } : undefined;
}

/** Whether `ms` lies in the range. */
export function inRange(range: TimeRange, ms: number): boolean {
  return (
    (range.from === undefined || ms >= range.from) && (range.to === undefined || ms < range.to)
  );
}
