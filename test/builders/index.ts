/** Test fixture builders for the record (record-format §2–§6). */
export * from "./events";
export * from "./log";
