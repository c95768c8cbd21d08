/** Time and ids come in from outside (style.md): the domain never reads the clock or a random source. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface IdSource {
  /** A new id of 1–64 characters `[A-Za-z0-9_-]` (record-format §1). */
  next(prefix: string): string;
}
