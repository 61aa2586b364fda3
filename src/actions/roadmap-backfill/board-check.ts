import { didYouMean } from "../../core/problem-wording.ts";

/** A board's field as the board query lists it; `options` only for single-select fields. */
export interface BoardFieldInfo {
  id: string;
  name: string;
  dataType: string;
  options?: { id: string; name: string }[];
}

/** The board as GitHub answered for it. */
export interface BoardInfo {
  id: string;
  number: number;
  title: string;
  url: string;
  closed: boolean;
  /** Whether the token may add items and set fields. */
  viewerCanUpdate: boolean;
  fields: BoardFieldInfo[];
}

/** The board resolved for the run: where orphans go, and the Status they get. */
export interface Board {
  id: string;
  owner: string;
  number: number;
  title: string;
  url: string;
  field: { id: string; name: string };
  option: { id: string; name: string };
  writable: boolean;
}

/** What to look for on the board, from the inputs. */
export interface BoardWanted {
  owner: string;
  number: number;
  statusField: string;
  statusValue: string;
}

const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(", ");

/**
 * Finds the Status field and option on the board, or says what is wrong, naming the input to
 * change and what the board offers. Names match exactly, as GitHub's `field(name:)` does.
 */
export function checkBoard(
  info: BoardInfo,
  wanted: BoardWanted,
): { board: Board } | { problem: string } {
  const where = `board #${info.number} '${info.title}' of ${wanted.owner} (${info.url})`;
  if (info.closed)
    return {
      problem: `project-number ${info.number}: ${where} is closed; reopen it or choose an open board`,
    };
  const singleSelect = info.fields.filter((f) => f.options !== undefined);
  const fieldName = wanted.statusField.trim();
  const field = info.fields.find((f) => f.name === fieldName);
  if (!field) {
    const names = singleSelect.map((f) => f.name);
    return {
      problem: `status-field '${fieldName}': ${where} has no field of that name${didYouMean(fieldName, names)}; ${names.length > 0 ? `its single-select fields are ${quoted(names)}` : "it has no single-select field: add one (for example 'Status') to the board"}`,
    };
  }
  if (field.options === undefined) {
    return {
      problem: `status-field '${fieldName}': on ${where} it is a ${field.dataType} field, allowed a single-select field${singleSelect.length > 0 ? ` such as ${quoted(singleSelect.map((f) => f.name))}` : ""}`,
    };
  }
  const valueName = wanted.statusValue.trim();
  const option = field.options.find((o) => o.name === valueName);
  if (!option) {
    const names = field.options.map((o) => o.name);
    return {
      problem: `status-value '${valueName}': the field '${field.name}' of ${where} has no such option${didYouMean(valueName, names)}; ${names.length > 0 ? `its options are ${quoted(names)}` : "it has no options"}`,
    };
  }
  return {
    board: {
      id: info.id,
      owner: wanted.owner,
      number: info.number,
      title: info.title,
      url: info.url,
      field: { id: field.id, name: field.name },
      option: { id: option.id, name: option.name },
      writable: info.viewerCanUpdate,
    },
  };
}
