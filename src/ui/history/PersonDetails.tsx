/**
 * Below the card: contact over time and the history. Its own chunk, loaded after the first paint
 * (ui/Taskpane.tsx, issue 10 item 2), so the card and the verdict do not wait for its code.
 */
import type { PersonState } from "../../domain";
import { ContactChart } from "../chart/ContactChart";
import { weeklyVolume } from "../chart/contact-volume";
import { useMemo } from "react";
import { useRecord } from "../services";
import { eventLookup, HistoryTimeline } from "./HistoryTimeline";

export interface PersonDetailsProps {
  readonly person: PersonState;
  readonly nowMs: number;
}

export function PersonDetails({ person, nowMs }: PersonDetailsProps) {
  const { index } = useRecord();
  const lookup = useMemo(() => eventLookup(index, person.personId), [index, person.personId]);
  return (
    <>
      <ContactChart weeks={weeklyVolume(person, nowMs)} />
      <HistoryTimeline person={person} lookup={lookup} />
    </>
  );
}
