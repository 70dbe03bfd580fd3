/**
 * Characters that make a spreadsheet read a cell as a formula (`=HYPERLINK(...)`, `+1`, `-1`, `@SUM`): a cell
 * starting with one is written with a `'` before it, which spreadsheets show as text and hide.
 */
const FORMULA_START = /^[=+\-@]/;

/** The cell as written to a CSV or TSV file: `'` before a formula-like start (README, "Export"). */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The cell as its author wrote it, from a cell `spreadsheetSafe` wrote. */
export function fromSpreadsheetSafe(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
