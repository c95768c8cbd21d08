/**
 * `csm`, the command line over the record (record-format §9). Pure over its inputs: file reading
 * and the clock come in through `CliIo`, so tests drive it without a process.
 */
import {
  checkContact,
  isCalendarDate,
  londonMidnight,
  oneLine,
  parseInstant,
  parseWithinLimits,
  quote,
  RecordIndex,
  summarise,
  validateLog,
  type Contact,
  type LineError,
  type ParsedLine,
} from "../domain";

export interface CliIo {
  readFile(path: string): string;
  now(): number;
}

export interface CliResult {
  readonly exitCode: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

export const USAGE = `usage: csm validate --events FILE
       csm summary  --events FILE --person ID [--now T]
       csm evaluate --events FILE --contact FILE [--now T]
FILE is JSON Lines (one event per line, record-format v1); T is an ISO-8601 date-time with offset.`;

class UsageError extends Error {}

// `--now` is accepted by every command (§9: "--now defaults to the current time"); validate ignores it.
const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  validate: ["events", "now"],
  summary: ["events", "person", "now"],
  evaluate: ["events", "contact", "now"],
};
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  validate: ["events"],
  summary: ["events", "person"],
  evaluate: ["events", "contact"],
};

function parseArgs(argv: readonly string[]): { command: string; opts: Map<string, string> } {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("no command given");
  const allowed = OPTIONS[command];
  if (!allowed) throw new UsageError(`unknown command ${quote(command)}; expected validate, summary or evaluate`);
  const opts = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? "";
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument ${quote(arg)}`);
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      i += 1;
    }
    if (!allowed.includes(name)) throw new UsageError(`unknown option ${quote(`--${name}`)} for ${command}`);
    if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
    if (opts.has(name)) throw new UsageError(`--${name} given twice`);
    opts.set(name, value);
  }
  for (const name of REQUIRED[command] ?? []) if (!opts.has(name)) throw new UsageError(`${command} needs --${name}`);
  return { command, opts };
}

function parseNow(text: string | undefined, io: CliIo): number {
  if (text === undefined) return io.now();
  const instant = parseInstant(text);
  if (instant !== null) return instant;
  if (isCalendarDate(text)) return londonMidnight(text);
  throw new UsageError(
    `--now must be an ISO-8601 date-time with offset (e.g. 2026-11-28T09:00:00Z) or a date YYYY-MM-DD, not ${quote(text)}`,
  );
}

function readInput(io: CliIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES"
            ? "permission denied"
            : "it cannot be read";
    throw new UsageError(`cannot read ${quote(path)}: ${why}`);
  }
}

/** Splits JSON Lines; blank lines are skipped but still counted, so line numbers match an editor's. */
export function parseJsonLines(text: string): ParsedLine[] {
  const out: ParsedLine[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  let line = 0;
  while (start <= body.length) {
    let end = body.indexOf("\n", start);
    if (end < 0) end = body.length;
    line += 1;
    let raw = body.slice(start, end);
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    start = end + 1;
    if (raw.trim() === "") continue;
    // Limits before parsing (limits.ts): a hostile line is one clear error, never "internal error".
    const parsed = parseWithinLimits(raw);
    out.push("parseError" in parsed ? { line, parseError: oneLine(parsed.parseError) } : { line, ...parsed });
  }
  return out;
}

const json = (value: unknown): string => `${JSON.stringify(value)}\n`;
const failure = (errors: readonly LineError[]): CliResult => ({
  exitCode: 1,
  stdout: json({ ok: false, errors }),
  stderr: "",
});
const success = (value: unknown): CliResult => ({ exitCode: 0, stdout: json(value), stderr: "" });

function loadLog(io: CliIo, path: string): { index: RecordIndex } | { result: CliResult } {
  const validated = validateLog(parseJsonLines(readInput(io, path)));
  if (validated.errors.length > 0) return { result: failure(validated.errors) };
  return { index: new RecordIndex(validated.events) };
}

export function runCli(argv: readonly string[], io: CliIo): CliResult {
  if (argv[0] === "help" || argv.includes("--help") || argv.includes("-h")) {
    return { exitCode: 0, stdout: `${USAGE}\n`, stderr: "" };
  }
  try {
    const { command, opts } = parseArgs(argv);
    const eventsPath = opts.get("events") ?? "";
    const now = parseNow(opts.get("now"), io);
    if (command === "validate") {
      const validated = validateLog(parseJsonLines(readInput(io, eventsPath)));
      if (validated.errors.length > 0) return failure(validated.errors);
      return success({ ok: true, events: validated.events.length });
    }
    if (command === "summary") {
      const personId = opts.get("person") ?? "";
      const loaded = loadLog(io, eventsPath);
      if ("result" in loaded) return loaded.result;
      if (!loaded.index.isRegistered(personId)) {
        return failure([
          {
            line: null,
            id: null,
            code: "E_UNKNOWN_PERSON",
            message: `--person: no person ${quote(personId)} is registered in ${quote(eventsPath)} (record-format §9)`,
          },
        ]);
      }
      return success(summarise(loaded.index.person(personId), now));
    }
    // evaluate: the contact is judged against the log as it stands; it is not appended.
    const contactPath = opts.get("contact") ?? "";
    const contactText = readInput(io, contactPath);
    const loaded = loadLog(io, eventsPath);
    if ("result" in loaded) return loaded.result;
    const contact = parseContact(contactText, contactPath);
    if ("result" in contact) return contact.result;
    return success(loaded.index.evaluate(contact.contact));
  } catch (err) {
    if (err instanceof UsageError)
      return { exitCode: 2, stdout: "", stderr: `csm: ${oneLine(err.message, 400)} (csm --help shows usage)\n` };
    throw err;
  }
}

function parseContact(text: string, path: string): { contact: Contact } | { result: CliResult } {
  const contactError = (message: string): { result: CliResult } => ({
    result: failure([{ line: null, id: null, code: "E_SCHEMA", message }]),
  });
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "")
    return contactError(`contact: ${quote(path)} is empty; it must hold one JSON object (record-format §6)`);
  const parsed = parseWithinLimits(trimmed);
  if ("refused" in parsed) return contactError(`contact: ${quote(path)} ${parsed.refused}`);
  if ("parseError" in parsed)
    return contactError(
      `contact: ${quote(path)} is not valid JSON (${oneLine(parsed.parseError)}); it must hold one JSON object (record-format §6)`,
    );
  const checked = checkContact(parsed.value);
  if (!checked.ok)
    return { result: failure(checked.errors.map((e) => ({ line: null, id: null, code: e.code, message: e.message }))) };
  return { contact: checked.contact };
}
