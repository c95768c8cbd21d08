/** A refused line of an imported record, in words (the boot problems and the toolbar both show them). */
import type { LineError } from "../../domain";

export function describeLineError(e: LineError): string {
  const where = [e.line !== null ? `Line ${e.line}` : null, e.id ? `event ${e.id}` : null].filter(Boolean).join(", ");
  return `${where ? `${where}: ` : ""}${e.message} (${e.code})`;
}
