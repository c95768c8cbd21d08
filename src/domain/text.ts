/** Small helpers for messages: values from the log are echoed short, on one line, and quoted. */

const MAX_ECHO = 60;

/** A value from the input, quoted for a message: at most 60 characters, newlines flattened. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = value;
  else if (value === undefined) text = "undefined";
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // A cycle or a value nested too deep for JSON.stringify (String() would recurse as deep).
      text = Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : String(value);
    }
  }
  text = text.replace(/[\r\n\t]+/g, " ");
  if (text.length > MAX_ECHO) text = `${text.slice(0, MAX_ECHO)}…`;
  return typeof value === "string" ? `"${text}"` : text;
}

/** Any text cut to `max` characters on one line (for messages quoting other libraries' errors). */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
