/** Shape checks of the restrictions of a contact strategy (record-format §5, policy 9.9). */
import { RESTRICTION_KINDS } from "./catalogue";
import { emailItem, enumItem, textItem, type Checker, type Obj } from "./schema-checker";
import { quote } from "./text";
import { DAY_CODES, parseTimeOfDay } from "./time";

const WRITTEN_CHANNELS = enumItem(["email", "post"]);

function checkPhoneWindow(c: Checker, r: Obj, field: string): void {
  c.array(r, "windows", field, { minOne: true }, (_c, w, wf) => {
    const win = c.object(w, wf, "a window {day, from, to}");
    if (!win) return;
    c.oneOf(win, "day", wf, DAY_CODES);
    const from = typeof win["from"] === "string" ? parseTimeOfDay(win["from"]) : null;
    const to = typeof win["to"] === "string" ? parseTimeOfDay(win["to"], true) : null;
    if (from === null) c.fail(`${wf}.from`, `is ${quote(win["from"])}; expected a time HH:MM from 00:00 to 23:59`);
    if (to === null) c.fail(`${wf}.to`, `is ${quote(win["to"])}; expected a time HH:MM from 00:01 to 24:00`);
    if (from !== null && to !== null && to <= from)
      c.fail(`${wf}.to`, "must be later than from: a window lies within one day");
  });
  const max = r["maxCalls"];
  if (max !== undefined && (typeof max !== "number" || !Number.isInteger(max) || max < 1)) {
    c.fail(`${field}.maxCalls`, `is ${quote(max)}; expected a whole number of at least 1`);
  }
  c.oneOf(r, "per", field, ["week", "month"], true);
}

function checkRestriction(c: Checker, value: unknown, field: string): void {
  const r = c.object(value, field, "a restriction {kind, …}");
  if (!r) return;
  const kind = c.oneOf(r, "kind", field, RESTRICTION_KINDS);
  if (kind === undefined) return;
  const outer = c.source;
  c.source = `restriction ${kind}, policy 9.9`;
  switch (kind) {
    case "phone-window":
      checkPhoneWindow(c, r, field);
      break;
    case "written-only":
      c.array(r, "allowed", field, { minOne: true }, WRITTEN_CHANNELS);
      break;
    case "dedicated-address":
      emailItem(c, r["address"], `${field}.address`);
      break;
    case "blocked-addresses":
      c.array(r, "addresses", field, { minOne: true }, emailItem);
      break;
    case "advocate-only": {
      const adv = c.object(r["advocate"], `${field}.advocate`, "the advocate {name, email?, phone?}");
      if (adv) {
        c.text(adv, "name", `${field}.advocate`);
        c.optText(adv, "email", `${field}.advocate`);
        c.optText(adv, "phone", `${field}.advocate`);
      }
      break;
    }
    case "single-point-of-contact":
      c.text(r, "staff", field);
      break;
    case "no-reopening":
      c.array(r, "matterRefs", field, { minOne: true }, textItem);
      break;
    case "call-recording":
      break;
  }
  c.source = outer;
}

export function checkRestrictions(c: Checker, d: Obj, p: string): void {
  c.array(d, "restrictions", p, { minOne: true }, (_c, v, f) => checkRestriction(c, v, f));
}
