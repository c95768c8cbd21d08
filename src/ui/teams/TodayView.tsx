/**
 * "Today": what needs the line manager now. Breaches to acknowledge (4.5, 9.11), reviews due or
 * overdue (9.12) and contacts awaiting review (9.10), each headed by its count. Every row is a
 * button that opens the person's page (their history), so the list is usable from the keyboard.
 */
import { Button } from "@fluentui/react-components";
import type { AwaitingBreach, AwaitingContact, ReviewDue } from "../../app/register";
import { formatCalendarDate, formatDateTime } from "../format";
import type { MessageLinker } from "../../app/message-link";
import { MessageLink } from "./MessageLink";
import { ReviewBadge } from "./ReviewBadge";
import { useTeamsStyles } from "./styles";

export interface TodayViewProps {
  readonly breaches: readonly AwaitingBreach[];
  readonly reviews: readonly ReviewDue[];
  readonly contacts: readonly AwaitingContact[];
  readonly onOpenPerson: (personId: string) => void;
  /** Opens the review queue, where contacts are reviewed in bulk (9.10). */
  readonly onReviewContacts?: () => void;
  /** Turns where a message is into a link to it (issue 14 Deliver 10); none, no links. */
  readonly messageLink?: MessageLinker | null;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function TodayView({
  breaches,
  reviews,
  contacts,
  onOpenPerson,
  onReviewContacts,
  messageLink,
}: TodayViewProps) {
  const s = useTeamsStyles();
  const open = (personId: string, label: string) => (
    <Button appearance="transparent" className={s.rowLink} onClick={() => onOpenPerson(personId)}>
      {label}
    </Button>
  );
  return (
    <section className={s.view} aria-labelledby="today-heading" data-testid="today">
      <h2 id="today-heading" className={s.heading}>
        Today
      </h2>
      <section className={s.view} aria-labelledby="today-breaches" data-testid="today-breaches">
        <h3 id="today-breaches" className={s.cardTitle}>
          {plural(breaches.length, "breach", "breaches")} to acknowledge
        </h3>
        {breaches.length === 0 ? (
          <p className={s.muted}>Every breach has been acknowledged.</p>
        ) : (
          <ul className={s.list}>
            {breaches.map((b) => (
              <li key={b.breachId} className={s.wrap} data-testid="today-breach">
                {open(b.personId, b.name)}{" "}
                <span className={s.muted}>
                  {b.restrictionLabel}, {formatDateTime(b.at)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={s.view} aria-labelledby="today-reviews" data-testid="today-reviews">
        <h3 id="today-reviews" className={s.cardTitle}>
          {plural(reviews.length, "review", "reviews")} due or overdue
        </h3>
        {reviews.length === 0 ? (
          <p className={s.muted}>No review is due in the next 14 days, and none is overdue.</p>
        ) : (
          <ul className={s.list}>
            {reviews.map((r) => (
              <li key={`${r.personId}/${r.strategyId}`} className={s.wrap} data-testid="today-review">
                {open(r.personId, r.name)}{" "}
                <span className={s.muted}>
                  matter {r.matterRef}, due {formatCalendarDate(r.reviewDue)}
                </span>{" "}
                <ReviewBadge overdue={r.overdue} daysToReview={r.daysToReview} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={s.view} aria-labelledby="today-contacts" data-testid="today-contacts">
        <h3 id="today-contacts" className={s.cardTitle}>
          {plural(contacts.length, "contact", "contacts")} awaiting review
        </h3>
        {contacts.length === 0 ? (
          <p className={s.muted}>Every logged contact has been reviewed.</p>
        ) : (
          <>
            {onReviewContacts ? (
              <div className={s.actions}>
                <Button onClick={onReviewContacts} data-testid="today-review-contacts">
                  Review contacts
                </Button>
              </div>
            ) : null}
            <ul className={s.list}>
              {contacts.map((c) => (
                <li key={c.contactId} className={s.wrap} data-testid="today-contact">
                  {open(c.personId, c.name)}{" "}
                  <span className={s.muted}>
                    {c.channelLabel}, {formatDateTime(c.at)}
                  </span>{" "}
                  <MessageLink contact={c} linker={messageLink} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </section>
  );
}
