/**
 * The Teams personal tab for line managers: the register, breaches awaiting acknowledgement,
 * reviews due and overdue, contacts awaiting review. Reads the record through ServicesContext;
 * everything host-specific (who the user is, saving a file, the deep-linked breach) arrives as props.
 *
 * Staff without a case role (app/roles.ts CASE_ROLES; issue 12 Deliver 5, policy 9.15 need to
 * know) see only the register (who has a strategy, its restrictions, the single point of contact):
 * not Today, breaches (their detail), reviews, contacts to review or any person's history.
 */
import { Tab, TabList, type SelectTabData } from "@fluentui/react-components";
import { useMemo, useState, useSyncExternalStore } from "react";
import type { MessageLinker } from "../../app/message-link";
import { seesFrontLineView } from "../../app/need-to-know";
import { attentionRows, type QuarantineSource } from "../../app/needs-attention";
import type { Quarantined } from "../../app/sync";
import { DEFAULT_RETENTION, dueForDeletion, type RetentionPolicy } from "../../app/retention";
import { breachesAwaitingAcknowledgement, contactsAwaitingReview, registerRows, reviewsDue } from "../../app/register";
import { useRecord, useServices } from "../services";
import { BreachesView } from "./BreachesView";
import { ContactsView } from "./ContactsView";
import { RegisterView } from "./RegisterView";
import { PersonView } from "./PersonView";
import { ReportsView } from "./ReportsView";
import { NeedsAttentionView } from "./NeedsAttentionView";
import { RetentionView } from "./RetentionView";
import { ReviewsView } from "./ReviewsView";
import { TodayView } from "./TodayView";
import { useTeamsStyles } from "./styles";

export type TeamsView =
  "today" | "register" | "breaches" | "reviews" | "contacts" | "reports" | "attention" | "retention";

export interface TeamsTabProps {
  /** The line manager's sign-in name; null when unknown (acknowledging is then unavailable). */
  readonly user: string | null;
  /** Saves an export (a download in a browser). */
  readonly saveFile: (fileName: string, text: string, mimeType: string) => void;
  /**
   * Opens a report's HTML in a new window to print (Print → Save as PDF); false when refused.
   * Without it, the person page offers downloads only where it can print nothing.
   */
  readonly openDocument?: (html: string) => boolean;
  /** The breach the tab was opened for (a breach card's link), if any. */
  readonly focusBreachId?: string | null;
  /** The person the tab was opened for (a notification's record link): the register shows them. */
  readonly focusPersonId?: string | null;
  /** Says where the record comes from, e.g. "the record on this device (preview)". */
  readonly source?: string;
  /** Turns where a message is into a link to it (Outlook on the web, or the preview); none, no links. */
  readonly messageLink?: MessageLinker | null;
  /** The shared list's quarantined items (the sync engine); none for the record on this device. */
  readonly quarantine?: QuarantineSource | null;
  /** The deployment's retention period (app/retention.ts); the product default when not given. */
  readonly retention?: RetentionPolicy;
}

const NO_ITEMS: readonly Quarantined[] = [];
const noSubscription = () => () => undefined;

export function TeamsTab({
  user,
  saveFile,
  focusBreachId = null,
  focusPersonId = null,
  source,
  messageLink = null,
  openDocument = () => false,
  quarantine = null,
  retention = DEFAULT_RETENTION,
}: TeamsTabProps) {
  const s = useTeamsStyles();
  const { clock, record } = useServices();
  const snapshot = useRecord();
  const quarantined = useSyncExternalStore(quarantine ? quarantine.subscribe.bind(quarantine) : noSubscription, () =>
    quarantine ? quarantine.quarantined() : NO_ITEMS,
  );
  // Only roles that may review the quarantine see it (roles.ts MAY_REVIEW_QUARANTINE).
  const showAttention = quarantine !== null && record.access.mayReviewQuarantine;
  const attention = useMemo(() => attentionRows(quarantined), [quarantined]);
  const frontLine = seesFrontLineView(record.access);
  const [chosen, setView] = useState<TeamsView>(focusBreachId ? "breaches" : focusPersonId ? "register" : "today");
  // The person page opened from a row of "Today"; null shows the list.
  const [openPerson, setOpenPerson] = useState<string | null>(null);
  const loaded = snapshot.version > 0;
  const nowMs = clock.now();

  // Recomputed when the record changes, and hourly (review dates move with the day), not on every render.
  const hour = Math.floor(nowMs / 3_600_000);
  const data = useMemo(() => {
    const index = snapshot.index;
    return {
      register: registerRows(index, nowMs),
      breaches: breachesAwaitingAcknowledgement(index),
      reviews: reviewsDue(index, nowMs),
      contacts: contactsAwaitingReview(index),
    };
  }, [snapshot, hour]);
  // Retention is for the records officer alone (roles.ts MAY_PURGE), where the record can erase.
  const showRetention = record.access.mayPurge && record.canErase;
  const dueCount = useMemo(
    () => (showRetention ? dueForDeletion(snapshot.index, retention, nowMs).length : 0),
    [showRetention, snapshot, retention, hour],
  );

  // The board report is for managers and the records officer (roles.ts MAY_REPORT); it has no count.
  const mayReport = record.access.mayReport("board-report");
  const allTabs: readonly { value: TeamsView; label: string; count: number | null }[] = [
    { value: "today", label: "Today", count: data.breaches.length + data.reviews.length + data.contacts.length },
    { value: "register", label: "Register", count: data.register.length },
    { value: "breaches", label: "Breaches", count: data.breaches.length },
    { value: "reviews", label: "Reviews", count: data.reviews.length },
    { value: "contacts", label: "Contacts to review", count: data.contacts.length },
    ...(mayReport ? [{ value: "reports" as const, label: "Reports", count: null }] : []),
    ...(showAttention ? [{ value: "attention" as const, label: "Needs attention", count: attention.length }] : []),
    ...(showRetention ? [{ value: "retention" as const, label: "Retention", count: dueCount }] : []),
  ];
  const tabs = frontLine ? allTabs.filter((t) => t.value === "register") : allTabs;
  // A view the user may not see (front-line staff, or roles changed after sign-in) falls back to the first.
  const view: TeamsView = tabs.some((t) => t.value === chosen) ? chosen : (tabs[0]?.value ?? "register");

  return (
    <main
      className={s.page}
      data-testid="teams-tab"
      data-ready={loaded}
      data-view={view}
      data-counts={tabs
        // The work queues' counts; retention's is in its tab's label only.
        .filter((t) => t.count !== null && t.value !== "retention")
        .map((t) => `${t.value}:${t.count}`)
        .join(",")}
    >
      <h1 className={s.title}>Contact strategies</h1>
      {source ? <p className={s.muted}>{source}</p> : null}
      {frontLine && loaded ? (
        <p data-testid="front-line-note">
          You see who has a contact strategy and what it asks of you. Ask a caseworker for more: the rest of the record
          is for the staff who handle the case (policy 9.15).
        </p>
      ) : null}
      {!loaded ? (
        <p role="status">Reading the record…</p>
      ) : (
        <>
          <TabList
            className={s.tabs}
            selectedValue={view}
            onTabSelect={(_e, d: SelectTabData) => {
              setView(d.value as TeamsView);
              setOpenPerson(null);
            }}
            aria-label="Views"
          >
            {tabs.map((t) => (
              <Tab key={t.value} value={t.value} data-testid={`tab-${t.value}`}>
                {t.count === null ? t.label : `${t.label} (${t.count})`}
              </Tab>
            ))}
          </TabList>
          <div role="tabpanel" aria-label={tabs.find((t) => t.value === view)?.label}>
            {view === "today" && openPerson === null ? (
              <TodayView
                breaches={data.breaches}
                reviews={data.reviews}
                contacts={data.contacts}
                onOpenPerson={setOpenPerson}
                onReviewContacts={() => setView("contacts")}
                messageLink={messageLink}
              />
            ) : null}
            {view === "today" && openPerson !== null && !frontLine ? (
              <PersonView
                personId={openPerson}
                onBack={() => setOpenPerson(null)}
                user={user}
                saveFile={saveFile}
                openDocument={openDocument}
              />
            ) : null}
            {view === "register" ? (
              <RegisterView
                rows={data.register}
                nowMs={nowMs}
                saveFile={saveFile}
                initialPersonId={focusPersonId}
                {...(frontLine
                  ? {}
                  : {
                      onOpenPerson: (id: string) => {
                        // The person page lives under Today (its "Back to Today" returns there).
                        setOpenPerson(id);
                        setView("today");
                      },
                    })}
              />
            ) : null}
            {view === "breaches" ? (
              <BreachesView breaches={data.breaches} user={user} focusBreachId={focusBreachId} />
            ) : null}
            {view === "reviews" ? <ReviewsView reviews={data.reviews} /> : null}
            {view === "reports" && mayReport ? <ReportsView nowMs={nowMs} saveFile={saveFile} /> : null}
            {view === "contacts" ? (
              <ContactsView contacts={data.contacts} user={user} messageLink={messageLink} />
            ) : null}
            {view === "attention" && showAttention ? <NeedsAttentionView rows={attention} /> : null}
            {view === "retention" && showRetention ? <RetentionView policy={retention} nowMs={nowMs} /> : null}
          </div>
        </>
      )}
    </main>
  );
}
