#!/usr/bin/env node
// Writes the sample register a newcomer imports in the preview (issue 13 item 1):
// src/surfaces/preview/sample/register.csv and register.xlsx, the same rows in both (the .xlsx with
// real Excel dates, the CSV with UK-style DD/MM/YYYY text). Run `node scripts/make-register.js`
// after editing. The people are fictional (example.org addresses, Ofcom's drama numbers) and none
// is in the preview's sample record or mailbox, so every good row imports as a new person.
//
// Rows 2–7 import; rows 8–10 are refused by the dry run, each for one reason a newcomer can read:
// row 8 a review more than three months after the start (policy 9.12), row 9 a strategy with no
// matter (9.8), row 10 no email address or phone number. test/app/sample-register.test.ts checks
// exactly that, and test/e2e/scenarios/import-register.js imports both files in the browser.
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");

const OUT = path.resolve(__dirname, "../src/surfaces/preview/sample");

const COLUMNS = [
  ["Name", 18],
  ["Email", 28],
  ["Phone", 14],
  ["Matter ref", 15],
  ["Behaviours", 30],
  ["Warning date", 12, "date"],
  ["Warning method", 10],
  ["Why no warning", 36],
  ["Causes considered", 12, "date"],
  ["Strategy start", 12, "date"],
  ["Restrictions", 40],
  ["Phone times", 26],
  ["Single point of contact", 26],
  ["Advocate", 22],
  ["Reason", 40],
  ["Approved by", 16],
  ["Notified on", 12, "date"],
  ["Notified by", 10],
  ["Last reviewed", 12, "date"],
  ["Review date", 12, "date"],
  ["Notes", 40],
];

// One object per row, keyed by column name; dates as DD/MM/YYYY (or "yes" for causes considered).
const ROWS = [
  {
    Name: "Robin Ashworth",
    Email: "robin.ashworth@example.org",
    Phone: "07700 900301",
    "Matter ref": "CPL-2026-0031",
    Behaviours: "demanding-updates; excessive-volume",
    "Warning date": "14/05/2026",
    "Warning method": "email",
    "Causes considered": "20/05/2026",
    "Strategy start": "02/06/2026",
    Restrictions: "Written only (email); single point of contact",
    "Single point of contact": "lee.hughes@opcc.example",
    Reason: "Daily emails demanding updates carried on after the warning of 14 May.",
    "Approved by": "Rachel Adeyemi",
    "Notified on": "02/06/2026",
    "Notified by": "email",
    "Last reviewed": "01/09/2026",
    "Review date": "01/12/2026",
    Notes: "Reviewed in September: kept as it is.",
  },
  {
    Name: "Kit Fairbanks",
    Email: "kit.fairbanks@example.org",
    "Matter ref": "CPL-2026-0044",
    Behaviours: "verbal-abuse",
    "Warning date": "03/09/2026",
    "Warning method": "phone",
    "Causes considered": "yes",
    "Strategy start": "15/09/2026",
    Restrictions: "Phone window; call recording",
    "Phone times": "Tue 10:00-12:00; Thu 14:00-15:00",
    Reason: "Shouting and swearing at the caseworker in three calls after the warning.",
    "Approved by": "Rachel Adeyemi",
    "Notified on": "15/09/2026",
    "Notified by": "post",
    "Review date": "15/12/2026",
  },
  {
    Name: "Elliot Grange",
    Email: "elliot.grange@example.org",
    Phone: "01632 960412",
    "Matter ref": "CPL-2026-0052",
    Behaviours: "contacting-different-staff",
    "Warning date": "10/10/2026",
    "Warning method": "post",
    Notes: "Warning only: no strategy.",
  },
  {
    Name: "Noor Whitfield",
    Email: "noor.whitfield@example.org",
    Phone: "07700 900318",
    "Matter ref": "CPL-2026-0060",
    "Why no warning": "Threats of violence to staff: an immediate strategy was needed.",
    "Causes considered": "01/10/2026",
    "Strategy start": "02/10/2026",
    Restrictions: "Advocate only",
    Advocate: "Tom Bexley",
    Reason: "A threat to harm the caseworker on 30 September.",
    "Approved by": "Rachel Adeyemi",
    "Notified on": "02/10/2026",
    "Notified by": "post",
    "Review date": "02/01/2027",
  },
  {
    Name: "Robin Ashworth",
    Email: "robin.ashworth@example.org",
    "Matter ref": "CPL-2026-0078",
    Behaviours: "copying-staff",
    "Warning date": "04/11/2026",
    "Warning method": "email",
    Notes: "A second complaint from the same person.",
  },
  {
    Name: "Ffion Maddox",
    Email: "ffion.maddox@example.org",
    Phone: "01632 960455",
    "Matter ref": "CPL-2026-0083",
    Behaviours: "wrong-channels",
    "Warning date": "18/11/2026",
    "Warning method": "email",
  },
  {
    Name: "Harper Quinn",
    Email: "harper.quinn@example.org",
    "Matter ref": "CPL-2026-0066",
    Behaviours: "harassment-threats",
    "Warning date": "20/07/2026",
    "Warning method": "email",
    "Causes considered": "yes",
    "Strategy start": "01/08/2026",
    Restrictions: "Email only",
    Reason: "Repeated threatening emails to the case team.",
    "Approved by": "Rachel Adeyemi",
    "Notified by": "email",
    "Review date": "01/02/2027",
    Notes: "Refused: the review is six months after the start (9.12).",
  },
  {
    Name: "Sasha Brent",
    Email: "sasha.brent@example.org",
    Phone: "07700 900327",
    Behaviours: "demanding-updates",
    "Warning date": "01/11/2026",
    "Warning method": "email",
    "Causes considered": "yes",
    "Strategy start": "10/11/2026",
    Restrictions: "Written only",
    "Approved by": "Rachel Adeyemi",
    "Notified by": "email",
    "Review date": "10/02/2027",
    Notes: "Refused: no matter reference (9.8).",
  },
  {
    Name: "Jamie Collier",
    "Matter ref": "CPL-2026-0090",
    Behaviours: "harassment-threats",
    "Warning date": "12/11/2026",
    "Warning method": "post",
    Notes: "Refused: no email address or phone number.",
  },
];

const FIXED = new Date(Date.UTC(2026, 10, 1, 9, 0, 0));

function ukToDate(text) {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  return m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : null;
}

function csvCell(text) {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function main() {
  const names = COLUMNS.map(([name]) => name);
  for (const row of ROWS)
    for (const key of Object.keys(row)) if (!names.includes(key)) throw new Error(`unknown column ${key}`);

  const csv = [names, ...ROWS.map((row) => names.map((n) => row[n] ?? ""))]
    .map((cells) => cells.map(csvCell).join(","))
    .join("\r\n");
  fs.writeFileSync(path.join(OUT, "register.csv"), `${csv}\r\n`);

  const wb = new ExcelJS.Workbook();
  wb.creator = "Contact Strategy Manager sample";
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet("Register", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = COLUMNS.map(([header, width, kind]) => ({
    header,
    key: header,
    width,
    ...(kind === "date" ? { style: { numFmt: "dd/mm/yyyy" } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of ROWS) {
    const values = {};
    for (const [header, , kind] of COLUMNS) {
      const text = row[header];
      if (text === undefined) continue;
      values[header] = kind === "date" ? (ukToDate(text) ?? text) : text;
    }
    ws.addRow(values);
  }
  await wb.xlsx.writeFile(path.join(OUT, "register.xlsx"));
  console.log(`wrote register.csv and register.xlsx (${ROWS.length} rows) in ${path.relative(process.cwd(), OUT)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
