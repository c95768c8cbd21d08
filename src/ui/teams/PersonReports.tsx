/**
 * A person's reports on their page in the Teams tab, for the roles that may make them (roles.ts
 * MAY_REPORT): the subject access export (UK GDPR Art. 15; issue 13 item 3) as HTML and JSON Lines
 * or a print view (the browser's Print → Save as PDF), and the evidence bundle for one matter
 * (policy 10; item 5). The documents are made on the device from the record it holds.
 */
import { Button, Field, Select } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { evidenceBundle, mattersOf, subjectAccessExport } from "../../app/reports";
import { plural } from "../format";
import { useRecord, useServices } from "../services";
import { useTeamsStyles } from "./styles";

export interface PersonReportsProps {
  readonly personId: string;
  /** Who is making the documents (named on them), when known. */
  readonly user: string | null;
  readonly saveFile: (fileName: string, text: string, mimeType: string) => void;
  /** Opens an HTML document in a new window to print; false when the browser refused. */
  readonly openDocument: (html: string) => boolean;
}

const HTML = "text/html;charset=utf-8";
const JSONL = "application/x-ndjson;charset=utf-8";

export function PersonReports({ personId, user, saveFile, openDocument }: PersonReportsProps) {
  const s = useTeamsStyles();
  const { clock, record } = useServices();
  const snapshot = useRecord(); // re-renders on appends and when the roles change (setAccess)
  const access = record.access;
  const matters = useMemo(() => mattersOf(snapshot.index, personId), [snapshot, personId]);
  const [matter, setMatter] = useState<string>("");
  const [status, setStatus] = useState("");
  const chosenMatter = matters.includes(matter) ? matter : (matters[0] ?? "");
  const maySar = access.mayReport("subject-access");
  const mayBundle = access.mayReport("evidence-bundle");
  if (!maySar && !mayBundle) return null;

  const ctx = () => ({ nowMs: clock.now(), preparedBy: user });
  const opened = (ok: boolean, what: string) =>
    setStatus(
      ok
        ? `Opened the ${what} in a new window: use Print and choose “Save as PDF”.`
        : `The browser did not open a new window for the ${what}. Allow pop-ups for this page, or download the HTML and open it.`,
    );
  const sar = (form: "html" | "jsonl" | "print") => {
    const doc = subjectAccessExport(snapshot.index, personId, ctx());
    if (!doc) {
      setStatus("The record holds nothing about this person.");
      return;
    }
    const review = `${plural(doc.markedForReview, "field is", "fields are")} marked for review before release.`;
    if (form === "print") {
      opened(openDocument(doc.html), "subject access export");
      return;
    }
    if (form === "html") saveFile(doc.htmlFileName, doc.html, HTML);
    else saveFile(doc.jsonlFileName, doc.jsonl, JSONL);
    setStatus(`Saved ${form === "html" ? doc.htmlFileName : doc.jsonlFileName}. ${review}`);
  };
  const bundle = (form: "html" | "print") => {
    const doc = evidenceBundle(snapshot.index, personId, chosenMatter, ctx());
    if (!doc) {
      setStatus("The record holds nothing about this person.");
      return;
    }
    if (form === "print") {
      opened(openDocument(doc.html), "evidence bundle");
      return;
    }
    saveFile(doc.fileName, doc.html, HTML);
    setStatus(`Saved ${doc.fileName}: ${plural(doc.items.length, "entry", "entries")} for ${chosenMatter}.`);
  };

  return (
    <section className={s.view} aria-labelledby="person-reports-heading" data-testid="person-reports">
      <h3 id="person-reports-heading" className={s.heading}>
        Reports
      </h3>
      {maySar ? (
        <div className={s.view} data-testid="subject-access">
          <h4 className={s.heading}>Subject access export</h4>
          <p className={s.muted}>
            Everything the record holds about this person, withdrawn entries included. Fields to consider before release
            (third parties, staff notes, health, legal advice) are marked for review; redact before sending.
          </p>
          <div className={s.toolbar}>
            <Button onClick={() => sar("html")}>Download subject access export (HTML)</Button>
            <Button onClick={() => sar("jsonl")}>Download subject access export (JSONL)</Button>
            <Button onClick={() => sar("print")}>Open subject access print view</Button>
          </div>
        </div>
      ) : null}
      {mayBundle ? (
        <div className={s.view} data-testid="evidence-bundle">
          <h4 className={s.heading}>Evidence bundle (policy 10)</h4>
          {matters.length === 0 ? (
            <p>The record names no matter for this person, so there is no bundle to make.</p>
          ) : (
            <div className={s.toolbar}>
              <Field label="Matter">
                <Select value={chosenMatter} onChange={(_e, d) => setMatter(d.value)}>
                  {matters.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button onClick={() => bundle("html")}>Download evidence bundle</Button>
              <Button onClick={() => bundle("print")}>Open evidence bundle print view</Button>
            </div>
          )}
        </div>
      ) : null}
      <p role="status" aria-live="polite" data-testid="person-reports-status">
        {status}
      </p>
    </section>
  );
}
