/** The "when did it happen" box: London wall-clock time in, an ISO instant out. */
import { isoToLondonLocal, londonLocalToIso } from "../../../app/local-time";

export function nowLocal(nowMs: number): string {
  return isoToLondonLocal(nowMs);
}

/** The typed value as the record's `at`; an unreadable value is passed on for the domain to refuse on `at`. */
export function whenToIso(local: string): string {
  return londonLocalToIso(local) ?? local;
}
