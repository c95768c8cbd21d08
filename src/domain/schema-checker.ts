/**
 * The field checker behind E_SCHEMA (record-format §1–§2 field rules): a text field must be
 * non-blank unless marked `?`, a `[]` field is a list (may be empty unless "at least one"), and an
 * enumerated field must hold one of its allowed values. Each message names the field path, says
 * what is expected, and ends with where the rule comes from (the event type and policy paragraph).
 */
import type { ErrorCode, RecordError } from "./errors";
import { quote } from "./text";
import { isCalendarDate } from "./time";

export type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** How a wrong value is described: missing, null, or the wrong thing. */
function got(v: unknown): string {
  if (v === undefined) return "is missing";
  if (v === null) return "is null";
  return `is ${quote(v)}`;
}

/** `path.key`, or just `key` at the top level (`path` empty). */
const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

export class Checker {
  readonly errors: RecordError[] = [];
  /** Where the rules being checked come from, appended to every message ("StrategyImposed, policy 9.4–9.9"). */
  source = "record-format §1";

  fail(field: string, message: string, code: ErrorCode = "E_SCHEMA", source = this.source): void {
    this.errors.push({ code, field, message: `${field}: ${message} (${source})` });
  }

  object(value: unknown, field: string, what = "an object"): Obj | null {
    if (!isObj(value)) {
      this.fail(field, `${got(value)}; expected ${what}`);
      return null;
    }
    return value;
  }

  /** A required text field: a string that is not blank after trimming. */
  text(o: Obj, key: string, path: string): string | undefined {
    const v = o[key];
    const field = join(path, key);
    if (typeof v !== "string") this.fail(field, `${got(v)}; it must be filled in with text`);
    else if (v.trim() === "") this.fail(field, "is blank; it must be filled in");
    else return v;
    return undefined;
  }

  /** An optional (`?`) text field: may be absent or empty, but must be text when given. */
  optText(o: Obj, key: string, path: string): string | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string") {
      this.fail(join(path, key), `${got(v)}; when given it must be text`);
      return undefined;
    }
    return v;
  }

  bool(o: Obj, key: string, path: string, optional = false): boolean | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== "boolean") {
      this.fail(join(path, key), `${got(v)}; expected true or false`);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[], optional = false): T | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
      this.fail(join(path, key), `${got(v)}; expected one of ${allowed.join(", ")}`);
      return undefined;
    }
    return v as T;
  }

  date(o: Obj, key: string, path: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== "string" || !isCalendarDate(v)) {
      this.fail(join(path, key), `${got(v)}; expected a real calendar date written YYYY-MM-DD`);
      return undefined;
    }
    return v;
  }

  /** A list; `minOne` for "at least one"; `item` checks each entry. */
  array(
    o: Obj,
    key: string,
    path: string,
    opts: { optional?: boolean; minOne?: boolean },
    item: ItemCheck,
  ): unknown[] | undefined {
    const v = o[key];
    const field = join(path, key);
    if (v === undefined && opts.optional) return undefined;
    if (!Array.isArray(v)) {
      this.fail(field, `${got(v)}; expected a list`);
      return undefined;
    }
    if (opts.minOne && v.length === 0) this.fail(field, "is empty; it must have at least one entry");
    for (let i = 0; i < v.length; i++) item(this, v[i], `${field}[${i}]`);
    return v;
  }
}

/** Checks one entry of a list (`field` is its path, `data.emails[0]`). */
export type ItemCheck = (c: Checker, v: unknown, field: string) => void;

export const textItem: ItemCheck = (c, v, field) => {
  if (typeof v !== "string" || v.trim() === "") c.fail(field, `${got(v)}; expected non-blank text`);
};

/** An email address: text with an `@` (record-format §5: a `from` containing `@` is an email address). */
export const emailItem: ItemCheck = (c, v, field) => {
  if (typeof v !== "string" || !/^[^@].*@.*[^@]$/s.test(v.trim()))
    c.fail(field, `${got(v)}; expected an email address`);
};

/** A phone number: text with at least one digit and no `@` (an address with `@` is an email address, §5). */
export const phoneItem: ItemCheck = (c, v, field) => {
  if (typeof v !== "string" || !/\d/.test(v) || v.includes("@")) c.fail(field, `${got(v)}; expected a phone number`);
};

export function enumItem(allowed: readonly string[]): ItemCheck {
  return (c, v, field) => {
    if (typeof v !== "string" || !allowed.includes(v))
      c.fail(field, `${got(v)}; expected one of ${allowed.join(", ")}`);
  };
}
