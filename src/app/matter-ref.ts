/**
 * The matter a message is about, when its subject names one (record-format §6 `matterRef`;
 * the scope rule of 9.8 depends on it). Matter references look like CPL-2026-0042: letters, a
 * year, a number. Only a reference already known for the sender counts when `known` is given, so
 * a stray code in a subject line does not move a message out of a strategy's scope by accident.
 */
const MATTER_REF = /\b[A-Z]{2,6}-\d{4}-\d{2,6}\b/g;

export function findMatterRef(text: string, known?: readonly string[]): string | undefined {
  const found = text.toUpperCase().match(MATTER_REF) ?? [];
  if (known === undefined) return found[0];
  const wanted = new Set(known.map((k) => k.toUpperCase()));
  const hit = found.find((f) => wanted.has(f));
  return hit === undefined ? undefined : known.find((k) => k.toUpperCase() === hit);
}
