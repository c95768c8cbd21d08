/**
 * Contact over time: logged contacts per London week (Monday to Sunday, record-format §1) over
 * the last N weeks, with the weeks in which incidents and breaches were recorded. Pure; the
 * chart and its text table both read this.
 */
import { londonWeekKey, type PersonState } from "../../domain";

export interface WeekVolume {
  /** The London date of the week's Monday, `YYYY-MM-DD`. */
  readonly weekStart: string;
  readonly contacts: number;
  readonly incidents: number;
  readonly breaches: number;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function weeklyVolume(state: PersonState, nowMs: number, weeks = 26): WeekVolume[] {
  const last = londonWeekKey(nowMs);
  const keys: string[] = [];
  for (let i = weeks - 1; i >= 0; i--) keys.push(addDays(last, -7 * i));
  const counts = new Map(keys.map((k) => [k, { contacts: 0, incidents: 0, breaches: 0 }]));
  const bump = (atMs: number, field: "contacts" | "incidents" | "breaches") => {
    const c = counts.get(londonWeekKey(atMs));
    if (c) c[field] += 1;
  };
  // The fold already leaves out retracted events (record-format §7).
  for (const c of state.contacts.values()) bump(c.atMs, "contacts");
  for (const logged of state.history) if (logged.event.type === "IncidentRecorded") bump(logged.atMs, "incidents");
  for (const b of state.breaches.values()) bump(b.atMs, "breaches");
  return keys.map((weekStart) => ({
    weekStart,
    ...(counts.get(weekStart) ?? { contacts: 0, incidents: 0, breaches: 0 }),
  }));
}
