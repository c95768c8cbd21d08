/**
 * What staff have typed into a step's form, kept in memory (never localStorage: it is personal
 * data) per person and step, so nothing entered is lost when a step is refused, collapsed, or the
 * pane moves to another message and back. Cleared when the step is recorded.
 */
const drafts = new Map<string, unknown>();

export function draftKey(personId: string | null, step: string): string {
  return `${personId ?? "new"}:${step}`;
}

export function readDraft<T>(key: string): T | undefined {
  return drafts.get(key) as T | undefined;
}

export function writeDraft<T>(key: string, value: T): void {
  drafts.set(key, value);
}

export function clearDraft(key: string): void {
  drafts.delete(key);
}

/** For tests. */
export function clearAllDrafts(): void {
  drafts.clear();
}
