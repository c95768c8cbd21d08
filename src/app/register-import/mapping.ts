/**
 * Which column of a register holds what (issue 13 item 1). The importer guesses from the header
 * names; the administrator can change every column on the mapping screen before the dry run.
 */
export const IMPORT_FIELDS = [
  {
    key: "name",
    label: "Person's name",
    multi: false,
    guesses: ["name", "full name", "person", "complainant", "individual", "customer name", "person name"],
  },
  {
    key: "email",
    label: "Email address",
    multi: true,
    guesses: ["email", "e mail", "email address", "emails", "email 1", "email 2"],
  },
  {
    key: "phone",
    label: "Phone number",
    multi: true,
    guesses: ["phone", "telephone", "tel", "mobile", "phone number", "phone numbers"],
  },
  {
    key: "matterRef",
    label: "Matter reference",
    multi: false,
    guesses: [
      "matter",
      "matter ref",
      "matter reference",
      "case ref",
      "case reference",
      "complaint ref",
      "complaint reference",
      "ref",
      "reference",
    ],
  },
  {
    key: "restrictions",
    label: "Restrictions (9.9)",
    multi: false,
    guesses: ["restrictions", "restriction", "strategy", "contact strategy", "restrictions in place"],
  },
  {
    key: "behaviours",
    label: "Behaviours warned about",
    multi: false,
    guesses: ["behaviour", "behaviours", "behavior", "behaviors", "behaviour codes"],
  },
  {
    key: "warningDate",
    label: "Warning date",
    multi: false,
    guesses: ["warning date", "warning", "warned", "date warned", "warning issued", "warning given"],
  },
  {
    key: "warningMethod",
    label: "How the warning was given",
    multi: false,
    guesses: ["warning method", "warned by", "warning by", "warning sent by"],
  },
  {
    key: "warningWaived",
    label: "Why no warning was given",
    multi: false,
    guesses: ["warning waived", "no warning reason", "why no warning", "warning not given"],
  },
  {
    key: "causesConsidered",
    label: "Causes considered (date, 7.2)",
    multi: false,
    guesses: ["causes considered", "causes", "causes considered on", "7 2 considered"],
  },
  {
    key: "strategyStart",
    label: "Strategy start date",
    multi: false,
    guesses: [
      "strategy start",
      "strategy start date",
      "start date",
      "started",
      "strategy date",
      "imposed",
      "date imposed",
      "imposed on",
    ],
  },
  {
    key: "reason",
    label: "Reason for the strategy",
    multi: false,
    guesses: ["reason", "reason for strategy", "why", "grounds"],
  },
  {
    key: "approvedBy",
    label: "Approved by",
    multi: false,
    guesses: ["approved by", "approver", "authorised by", "authorized by"],
  },
  {
    key: "notifiedOn",
    label: "Person told on (date)",
    multi: false,
    guesses: ["notified on", "notified", "letter sent", "date notified", "notice sent"],
  },
  {
    key: "notifiedBy",
    label: "Person told by (email or post)",
    multi: false,
    guesses: ["notified by", "notice by", "notice method", "letter method"],
  },
  {
    key: "lastReviewed",
    label: "Last reviewed (date)",
    multi: false,
    guesses: ["last reviewed", "last review", "reviewed on", "last review date", "date reviewed"],
  },
  {
    key: "reviewDate",
    label: "Next review due (date)",
    multi: false,
    guesses: ["review date", "review due", "next review", "next review date", "next review due", "review"],
  },
  {
    key: "spoc",
    label: "Single point of contact (email)",
    multi: false,
    guesses: ["spoc", "single point of contact", "point of contact", "contact officer"],
  },
  {
    key: "dedicatedAddress",
    label: "Dedicated email address",
    multi: false,
    guesses: ["dedicated address", "dedicated email", "dedicated mailbox"],
  },
  {
    key: "blockedAddresses",
    label: "Blocked email addresses",
    multi: true,
    guesses: ["blocked", "blocked addresses", "blocked emails", "blocked email addresses"],
  },
  {
    key: "advocateName",
    label: "Advocate's name",
    multi: false,
    guesses: ["advocate", "advocate name", "representative"],
  },
  {
    key: "advocateEmail",
    label: "Advocate's email",
    multi: false,
    guesses: ["advocate email", "advocate email address"],
  },
  { key: "advocatePhone", label: "Advocate's phone", multi: false, guesses: ["advocate phone", "advocate telephone"] },
  {
    key: "phoneTimes",
    label: "Phone times (e.g. Tue 10:00-12:00)",
    multi: false,
    guesses: ["phone times", "call times", "phone window", "phone windows", "agreed times"],
  },
  {
    key: "closedMatters",
    label: "Closed matters not to be reopened",
    multi: false,
    guesses: ["closed matters", "no reopening", "closed matter", "matters closed"],
  },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]["key"];
export const IMPORT_FIELD_KEYS: readonly ImportField[] = IMPORT_FIELDS.map((f) => f.key);

export const FIELD_LABELS = Object.fromEntries(IMPORT_FIELDS.map((f) => [f.key, f.label])) as Readonly<
  Record<ImportField, string>
>;

/** One entry per column, in column order: the field it holds, or null (not imported). */
export type ColumnMapping = readonly (ImportField | null)[];

const normalise = (header: string): string =>
  header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/**
 * A first guess from the header names: an exact match of a known header wins, then a header that
 * starts with one; a field that holds one value is given to the first column that matches it only.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const out: (ImportField | null)[] = headers.map(() => null);
  const taken = new Set<ImportField>();
  // The longest matching guess wins ("strategy start date" is the start date, not the strategy).
  const pass = (matches: (h: string, guess: string) => boolean): void => {
    headers.forEach((header, i) => {
      if (out[i] !== null) return;
      const h = normalise(header);
      let best: { key: ImportField; length: number } | null = null;
      for (const f of IMPORT_FIELDS) {
        if (!f.multi && taken.has(f.key)) continue;
        for (const g of f.guesses as readonly string[])
          if (matches(h, g) && (!best || g.length > best.length)) best = { key: f.key, length: g.length };
      }
      if (best) {
        out[i] = best.key;
        taken.add(best.key);
      }
    });
  };
  pass((h, g) => h === g);
  pass((h, g) => g.length > 3 && h.startsWith(`${g} `));
  return out;
}

/** What stops the dry run, each a sentence saying what to do ([] when the mapping can be used). */
export function mappingProblems(headers: readonly string[], mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  if (mapping.length !== headers.length)
    problems.push("The mapping does not match the file's columns; choose the file again.");
  if (!mapping.includes("name")) problems.push(`Choose the column that holds the ${FIELD_LABELS.name.toLowerCase()}.`);
  if (!mapping.includes("email") && !mapping.includes("phone"))
    problems.push("Choose a column with email addresses or phone numbers: the add-in recognises a person by them.");
  for (const f of IMPORT_FIELDS) {
    if (f.multi) continue;
    const columns = mapping.flatMap((m, i) => (m === f.key ? [headers[i] ?? `column ${i + 1}`] : []));
    if (columns.length > 1)
      problems.push(`${f.label} is chosen for ${columns.length} columns (${columns.join(", ")}); choose one.`);
  }
  return problems;
}
