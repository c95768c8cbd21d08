/**
 * Why the browser's storage (IndexedDB) could not hold the record, as an error whose message
 * tells a member of staff what to do. `problem` lets a composition root decide (for example, fall
 * back to the in-memory store only when storage is `unavailable`).
 */
export type LocalStoreProblem =
  /** No IndexedDB here: private/incognito window, site data blocked, or an embedded webview without storage. */
  | "unavailable"
  /** Another window or tab holds the database open with an older version and will not let go. */
  | "blocked"
  /** The device (or the browser's allowance for this site) is out of space. */
  | "quota"
  /** The database was created by a newer version of the add-in. */
  | "version"
  /** A database with this name exists but was not made by this add-in. */
  | "foreign"
  /** Anything else the browser reports. */
  | "failed";

export class LocalStoreError extends Error {
  readonly problem: LocalStoreProblem;
  override readonly cause: unknown;
  constructor(problem: LocalStoreProblem, message: string, cause?: unknown) {
    super(message);
    this.name = "LocalStoreError";
    this.problem = problem;
    this.cause = cause;
  }
}

export type StorageActivity = "open" | "read" | "write";

/** The name of a DOMException (or anything shaped like one), if it is one. */
export function errorName(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && typeof (error as { name?: unknown }).name === "string") {
    return (error as { name: string }).name;
  }
  return undefined;
}

const UNAVAILABLE =
  "This browser will not let Contact Strategy Manager keep its record on this device (IndexedDB is unavailable). " +
  "This happens in private or incognito windows and when site data is blocked. " +
  "Open Outlook in a normal window, or allow site data for this add-in, then reload it.";

export function unavailableError(cause?: unknown): LocalStoreError {
  return new LocalStoreError("unavailable", UNAVAILABLE, cause);
}

export function blockedError(databaseName: string): LocalStoreError {
  return new LocalStoreError(
    "blocked",
    `The local record ("${databaseName}") is held open by another Outlook window or browser tab running an older version of Contact Strategy Manager. ` +
      "Close the other windows or tabs that have the add-in open, then reload this one.",
  );
}

export function foreignDatabaseError(databaseName: string): LocalStoreError {
  return new LocalStoreError(
    "foreign",
    `A browser database named "${databaseName}" already exists but was not created by Contact Strategy Manager. ` +
      "Configure a different database name for the record, or remove that database from this site's data.",
  );
}

/**
 * Translates what IndexedDB threw into a LocalStoreError that says what to do. Errors that are
 * not storage errors (programming errors, RecordRejectedError) are returned unchanged.
 */
export function storageError(error: unknown, databaseName: string, activity: StorageActivity): unknown {
  if (error instanceof LocalStoreError) return error;
  const name = errorName(error);
  const detail =
    error instanceof Error || (typeof error === "object" && error !== null && "message" in error)
      ? String((error as { message: unknown }).message)
      : "";
  const what =
    activity === "open" ? "could not be opened" : activity === "write" ? "could not be saved" : "could not be read";
  switch (name) {
    case "QuotaExceededError":
      return new LocalStoreError(
        "quota",
        activity === "write"
          ? "There is no storage space left on this device for the record, so nothing was saved. Free some disk space (or remove site data you no longer need), then try again."
          : "There is no storage space left on this device for the record. Free some disk space (or remove site data you no longer need), then reload the add-in.",
        error,
      );
    case "SecurityError":
    case "InvalidAccessError":
      return unavailableError(error);
    case "InvalidStateError":
      // Firefox private windows refuse to open IndexedDB with InvalidStateError.
      return activity === "open"
        ? unavailableError(error)
        : new LocalStoreError(
            "failed",
            `The local record ("${databaseName}") ${what} because its connection was closed. Reload the add-in and try again.`,
            error,
          );
    case "VersionError":
      return new LocalStoreError(
        "version",
        `The local record ("${databaseName}") was created by a newer version of Contact Strategy Manager. Reload the add-in to get the newer version; if that does not help, ask your administrator.`,
        error,
      );
    case "AbortError":
    case "UnknownError":
    case "TimeoutError":
    case "NotFoundError":
    case "TransactionInactiveError":
    case "ReadOnlyError":
    case "DataError":
    case "DataCloneError":
    case "ConstraintError":
      return new LocalStoreError(
        "failed",
        `The local record ("${databaseName}") ${what} (${name}${detail ? `: ${detail}` : ""}). Reload the add-in and try again; if it keeps happening, restart the browser or Outlook.`,
        error,
      );
    default:
      return error;
  }
}
