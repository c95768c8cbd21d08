/** Importing an existing register from CSV or Excel (issue 13 item 1): read, map, dry run. */
export * from "./dry-run";
export * from "./mapping";
export * from "./parse";
export * from "./restrictions";
