/**
 * Reviewing many contacts at once (policy 9.10: "Regardless of any contact strategy put in place,
 * all contact must be reviewed to identify genuine complaints, issues, criminal matters and
 * safeguarding issues"). A line manager picks contacts from the review queue, gives each its
 * outcome, and records them together: one ContactReviewed per contact, written as one batch
 * through RecordService.record (one read-model refresh for the lot).
 *
 * Nothing is lost on a partial failure: RecordService.record stops at the first refusal, and
 * what was appended before it stays appended. The refused review is reported with the domain's
 * reason, and the reviews after it are tried again in a further batch, so every review that can be
 * recorded is, and each one that cannot stays in the queue with the reason. A store that fails
 * outright (the network, the disk) leaves the rest unrecorded, each with that reason.
 */
import {
  parseInstant,
  RecordRejectedError,
  type ContactReviewOutcome,
  type EventOf,
  type RecordEvent,
} from "../domain";
import { problemsOf } from "./action-errors";
import type { ActionContext } from "./actions";

export interface BulkReviewItem {
  readonly personId: string;
  readonly contactId: string;
  readonly outcome: ContactReviewOutcome;
  readonly note?: string;
}

export interface BulkReviewFailure {
  readonly item: BulkReviewItem;
  /** Plain English: why this review is not on the record. */
  readonly reason: string;
}

export interface BulkReviewResult {
  /** Reviews appended now, in the order given. */
  readonly recorded: readonly BulkReviewItem[];
  /** Contacts someone had already reviewed (a colleague, another window): nothing appended for them. */
  readonly alreadyReviewed: readonly BulkReviewItem[];
  /** Reviews not recorded, each with its reason; they stay in the queue. */
  readonly failed: readonly BulkReviewFailure[];
}

function reasonOf(error: unknown): string {
  if (error instanceof RecordRejectedError) {
    const text = (problemsOf(error) ?? []).map((p) => p.message).join("; ");
    return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.`.replace(/\.\.$/, ".") : "The record refused it.";
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `It could not be saved (${detail}); try again.`;
}

/**
 * Records one ContactReviewed per item (9.10) in one batch. A review is dated now, or at the
 * contact's own time when the clock is behind it (a review cannot come before what it reviews:
 * record-format §8, E_UNKNOWN_CONTACT looks only at what is earlier in the log).
 */
export async function reviewContacts(ctx: ActionContext, items: readonly BulkReviewItem[]): Promise<BulkReviewResult> {
  const recorded: BulkReviewItem[] = [];
  const alreadyReviewed: BulkReviewItem[] = [];
  const failed: BulkReviewFailure[] = [];
  const nowMs = ctx.clock.now();
  const index = ctx.record.index;

  const pending: { item: BulkReviewItem; event: EventOf<"ContactReviewed"> }[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = `${item.personId}\u0000${item.contactId}`;
    if (seen.has(key)) continue; // the same contact twice in one batch is reviewed once
    seen.add(key);
    const contact = index.isRegistered(item.personId)
      ? index.person(item.personId).contacts.get(item.contactId)
      : undefined;
    if (contact?.reviewed) {
      alreadyReviewed.push(item);
      continue;
    }
    const atMs = Math.max(nowMs, contact ? (parseInstant(contact.contact.at) ?? nowMs) : nowMs);
    const note = item.note?.trim();
    pending.push({
      item,
      event: {
        id: ctx.ids.next("ContactReviewed"),
        type: "ContactReviewed",
        personId: item.personId,
        at: new Date(atMs).toISOString(),
        by: ctx.by,
        data: note
          ? { contactId: item.contactId, outcome: item.outcome, note }
          : { contactId: item.contactId, outcome: item.outcome },
      },
    });
  }

  let rest = pending;
  while (rest.length > 0) {
    try {
      await ctx.record.record(rest.map((p) => p.event as unknown as RecordEvent));
      recorded.push(...rest.map((p) => p.item));
      rest = [];
    } catch (error) {
      // What was appended before the refusal is in the (reloaded) read model; the first one that
      // is not is the one refused.
      const stored = (p: (typeof rest)[number]) =>
        ctx.record.index.eventsOf(p.item.personId).some((l) => l.event.id === p.event.id);
      const firstMissing = rest.findIndex((p) => !stored(p));
      if (firstMissing < 0) {
        recorded.push(...rest.map((p) => p.item));
        break;
      }
      recorded.push(...rest.slice(0, firstMissing).map((p) => p.item));
      if (!(error instanceof RecordRejectedError)) {
        // The store itself failed: nothing after this point is known to be saved.
        const reason = reasonOf(error);
        failed.push(...rest.slice(firstMissing).map((p) => ({ item: p.item, reason })));
        break;
      }
      failed.push({ item: rest[firstMissing]!.item, reason: reasonOf(error) });
      rest = rest.slice(firstMissing + 1);
    }
  }
  return { recorded, alreadyReviewed, failed };
}
