/**
 * Reports from the record (issue 13 items 3, 5, 6): pure builders over the read model, no UI.
 *
 *   subjectAccessExport  one person's whole record as HTML (print to PDF) and JSON Lines, fields to review marked
 *   evidenceBundle       one person and matter as a numbered chronology for legal advice (policy 10)
 *   boardReport          a quarter's figures, and boardReportCsv for the same as CSV
 */
export * from "./board-report";
export * from "./document";
export * from "./evidence-bundle";
export * from "./fields";
export * from "./subject-access";
