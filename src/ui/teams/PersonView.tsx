/**
 * A person's page in the Teams tab: who they are, their appeals (issue 13 Deliver 2) and their history.
 * Staff without a case role get the front-line card instead (issue 12 Deliver 5, 9.15): no history.
 */
import { Button } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { frontLineView, seesFrontLineView } from "../../app/need-to-know";
import { FrontLineCard } from "../FrontLineCard";
import { eventLookup, HistoryTimeline } from "../history/HistoryTimeline";
import { useRecord, useServices } from "../services";
import { AppealsSection } from "./appeals/AppealsSection";
import { PersonReports } from "./PersonReports";
import { useTeamsStyles } from "./styles";

export interface PersonViewProps {
  readonly personId: string;
  readonly onBack: () => void;
  /** For the reports (subject access, evidence bundle), shown to the roles that may make them. */
  readonly user?: string | null;
  readonly saveFile?: (fileName: string, text: string, mimeType: string) => void;
  readonly openDocument?: (html: string) => boolean;
}

export function PersonView({ personId, onBack, user = null, saveFile, openDocument }: PersonViewProps) {
  const s = useTeamsStyles();
  const snapshot = useRecord();
  const { record } = useServices();
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves to the page's heading when it opens, so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), [personId]);
  const person = snapshot.index.person(personId);
  return (
    <section className={s.view} aria-labelledby="person-heading" data-testid="person-page" data-person={personId}>
      <div className={s.actions}>
        <Button onClick={onBack}>Back to Today</Button>
      </div>
      <h2 id="person-heading" className={`${s.heading} ${s.wrap}`} tabIndex={-1} ref={heading}>
        {person.name}
      </h2>
      {seesFrontLineView(record.access) ? (
        <FrontLineCard view={frontLineView(person, null)} level={3} />
      ) : (
        <>
          {saveFile && openDocument ? (
            <PersonReports personId={personId} user={user} saveFile={saveFile} openDocument={openDocument} />
          ) : null}
          <AppealsSection personId={personId} user={user} {...(openDocument ? { openDocument } : {})} />
          <HistoryTimeline person={person} lookup={eventLookup(snapshot.index, personId)} />
        </>
      )}
    </section>
  );
}
