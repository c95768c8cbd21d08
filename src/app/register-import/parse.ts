/**
 * Reading an existing register (issue 13 item 1): a CSV or Excel (.xlsx) file becomes a sheet of
 * text cells with the header names and each row's 1-based spreadsheet row number, so every refusal
 * can say "row 7" exactly as the person who keeps the spreadsheet sees it. No I/O: the bytes or
 * text are handed in by the surface. CSV with `papaparse`, .xlsx with `exceljs` (loaded only when
 * an Excel file is read, so the taskpane does not carry it).
 */
import Papa from "papaparse";

export interface SheetRow {
  /** The row number as the spreadsheet shows it (1 is the first row of the file). */
  readonly row: number;
  /** One text per header column, trimmed; "" for an empty cell. */
  readonly cells: readonly string[];
}

export interface Sheet {
  readonly fileName: string;
  readonly headers: readonly string[];
  /** The row number of the header row. */
  readonly headerRow: number;
  /** The data rows (blank rows left out), in file order. */
  readonly rows: readonly SheetRow[];
}

/** A register bigger than this is refused before anything is worked out (the dry run shows every row). */
export const MAX_REGISTER_ROWS = 5000;
export const MAX_REGISTER_COLUMNS = 100;

export class RegisterReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegisterReadError";
  }
}

/** Builds the sheet from raw rows (index 0 = spreadsheet row 1): the first non-blank row is the header. */
export function sheetFromRows(fileName: string, raw: readonly (readonly string[])[]): Sheet {
  const clean = raw.map((r) => r.map((c) => c.replace(/\s+/g, " ").trim()));
  const headerIndex = clean.findIndex((r) => r.some((c) => c !== ""));
  if (headerIndex < 0) throw new RegisterReadError(`${fileName} is empty: the first row should name the columns.`);
  const headerCells = clean[headerIndex] as string[];
  let width = headerCells.length;
  while (width > 0 && headerCells[width - 1] === "") width -= 1;
  if (width > MAX_REGISTER_COLUMNS)
    throw new RegisterReadError(
      `${fileName} has more than ${MAX_REGISTER_COLUMNS} columns; keep the register's columns only.`,
    );
  const headers = headerCells.slice(0, width).map((h, i) => (h === "" ? `Column ${i + 1}` : h));
  const rows: SheetRow[] = [];
  clean.forEach((r, i) => {
    if (i <= headerIndex || !r.some((c) => c !== "")) return;
    rows.push({ row: i + 1, cells: headers.map((_, j) => r[j] ?? "") });
  });
  if (rows.length === 0) throw new RegisterReadError(`${fileName} has a header row but no rows under it.`);
  if (rows.length > MAX_REGISTER_ROWS)
    throw new RegisterReadError(
      `${fileName} has ${rows.length} rows; import at most ${MAX_REGISTER_ROWS} at a time (split the file).`,
    );
  return { fileName, headers, headerRow: headerIndex + 1, rows };
}

/** A CSV register (comma, semicolon or tab separated; UTF-8, a leading byte-order mark ignored). */
export function parseCsv(fileName: string, text: string): Sheet {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const fatal = result.errors.find((e) => e.type === "Quotes");
  if (fatal)
    throw new RegisterReadError(
      `${fileName} could not be read: a quoted cell is not closed (near row ${(fatal.row ?? 0) + 1}). Save it again as CSV from the spreadsheet.`,
    );
  return sheetFromRows(fileName, result.data);
}

/** What an Excel cell holds as text: dates as YYYY-MM-DD, formulas by their result, links by their text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // exceljs gives the cell's wall-clock date and time as a UTC instant.
    if (Number.isNaN(value.getTime())) return "";
    const iso = value.toISOString();
    return iso.slice(11, 16) === "00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    const v = value as { richText?: { text?: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((t) => t.text ?? "").join("");
    if ("result" in v) return cellText(v.result);
    if ("text" in v) return cellText(v.text);
    if ("error" in v) return "";
  }
  return "";
}

/** An Excel register: the first worksheet. */
export async function parseXlsx(fileName: string, bytes: ArrayBuffer | Uint8Array): Promise<Sheet> {
  const mod = await import("exceljs");
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes instanceof Uint8Array ? (bytes.slice().buffer as ArrayBuffer) : bytes);
  } catch {
    throw new RegisterReadError(
      `${fileName} is not an Excel workbook that can be read (.xlsx). Save it again as .xlsx, or as CSV.`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RegisterReadError(`${fileName} has no worksheet.`);
  const raw: string[][] = [];
  const width = Math.min(sheet.columnCount, MAX_REGISTER_COLUMNS + 1);
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > MAX_REGISTER_ROWS + 100) return;
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    raw[rowNumber - 1] = cells;
  });
  for (let i = 0; i < raw.length; i++) raw[i] ??= [];
  return sheetFromRows(fileName, raw);
}

/** By the file's name: .xlsx is Excel, .csv (or .txt) is CSV; anything else is refused with what to do. */
export async function parseRegister(fileName: string, bytes: ArrayBuffer | Uint8Array): Promise<Sheet> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx")) return parseXlsx(fileName, bytes);
  if (lower.endsWith(".csv") || lower.endsWith(".txt"))
    return parseCsv(fileName, new TextDecoder("utf-8").decode(bytes));
  if (lower.endsWith(".xls"))
    throw new RegisterReadError(`${fileName} is an old Excel file (.xls). Save it as .xlsx or CSV, then import that.`);
  throw new RegisterReadError(`${fileName} is not a CSV or Excel (.xlsx) file.`);
}
