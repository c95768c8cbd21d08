/** Builders that walk a person up the policy's ladder through the use cases, for tests. */
import * as A from "../../src/app/actions";
import type { Restriction } from "../../src/domain";
import type { World } from "./world";

export const PERSON_EMAIL = "a.person@example.org";
export const MATTER = "CPL-2026-0042";
export const SPOC = "officer.one@opcc.example";
/** The manager who approves what `restricted` imposes (officer.one proposes it). */
export const APPROVER = "manager@opcc.example";
/**
 * A manager involved in neither the imposition nor its approval: the one who may review it
 * (separation of duties, domain/duties.ts, 9.12).
 */
export const REVIEWER = "manager.two@opcc.example";

export async function registered(w: World, name = "Alex Person"): Promise<string> {
  const e = await A.registerPerson(w.ctx(), { name, emails: [PERSON_EMAIL], phones: ["07700 900123"] });
  // 8.1: asked at the outset.
  await A.recordAssistanceOffered(w.ctx(), { personId: e.personId, accepted: false });
  return e.personId;
}

export async function warned(w: World): Promise<string> {
  const personId = await registered(w);
  await A.recordIncident(w.ctx(), {
    personId,
    kind: "persistence",
    behaviours: ["demanding-updates"],
    channel: "email",
    summary: "Twelve emails in a day demanding an update.",
    matterRef: MATTER,
  });
  await A.recordCausesConsidered(w.ctx(), {
    personId,
    processExplained: true,
    handledProportionately: true,
    communicatedRegularly: true,
    supportOffered: true,
    rationaleGiven: true,
  });
  await A.issueWarning(w.ctx(), {
    personId,
    behaviours: ["demanding-updates"],
    expectedChange: "Please write once a week.",
    consequences: "We may limit your contact.",
    method: "email",
    matterRef: MATTER,
  });
  return personId;
}

/** 9.4: the behaviour continues after the warning (an incident, its causes considered again). */
export async function continuedAfterWarning(w: World, personId: string): Promise<void> {
  await A.recordIncident(w.ctx(), {
    personId,
    kind: "persistence",
    behaviours: ["demanding-updates"],
    channel: "email",
    summary: "Eight more emails the day after the warning.",
    matterRef: MATTER,
  });
  await A.recordCausesConsidered(w.ctx(), {
    personId,
    processExplained: true,
    handledProportionately: true,
    communicatedRegularly: true,
    supportOffered: true,
    rationaleGiven: true,
  });
}

export const spocOnly: Restriction[] = [{ kind: "single-point-of-contact", staff: SPOC }];

export async function restricted(
  w: World,
  restrictions: readonly Restriction[] = spocOnly,
): Promise<{ personId: string; strategyId: string }> {
  const personId = await warned(w);
  const e = await A.imposeStrategy(w.ctx(), {
    personId,
    matterRef: MATTER,
    reason: "Persistent demands for updates.",
    restrictions,
    proportionality: "Least restrictive option that protects staff time.",
    approvedBy: APPROVER,
    notifiedOn: "2026-11-03",
    notifiedBy: "email",
  });
  return { personId, strategyId: e.data.strategyId };
}
