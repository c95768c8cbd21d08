/**
 * The appeal outcome letter (issue 13 Deliver 2): what was decided, why (7.2: "a clear rationale …
 * in a way that they can understand"), what changes (9.14: the person is told about any change to
 * the strategy), and how to complain to the Ombudsman if they are still unhappy. In plain English,
 * or easy read when that adjustment is recorded (8.4, 9.6), through the letters module's renderer.
 *
 * The policy names no Ombudsman and no complaint route, so the route is the organisation's to set
 * (ComplaintRoute). Without its contact details, the letter still names the Ombudsman and says to
 * ask us for them; an organisation fills them in before using the letter (docs/record-rules.md).
 */
import {
  renderLetter,
  restrictionForPerson,
  type Block,
  type Letter,
  type LetterContext,
  type LetterTemplate,
  type Wording,
} from "../domain/letters";
import { longDate } from "../domain/letters";
import { organisationOf } from "../domain/letters/render";
import { londonDate, type RecordIndex, type Restriction } from "../domain";
import type { AppealOutcome, AppealView, AppealableType } from "./appeals";

/** Where a person who is still unhappy can complain: set by the organisation. */
export interface ComplaintRoute {
  /** The Ombudsman's name, e.g. as the organisation's complaints procedure names it. */
  readonly ombudsman: string;
  readonly website?: string;
  readonly phone?: string;
  readonly address?: string;
  /** A time limit the Ombudsman sets, in words ("within 12 months"), if the organisation states one. */
  readonly timeLimit?: string;
}

/** Until the organisation sets its own route: the Ombudsman is named, the details are asked for. */
export const DEFAULT_COMPLAINT_ROUTE: ComplaintRoute = { ombudsman: "the Ombudsman" };

export interface AppealOutcomeFacts {
  readonly decisionType: AppealableType;
  /** The matter the decision was about, if it names one. */
  readonly matterRef?: string;
  /** The London date of the decision under appeal (YYYY-MM-DD). */
  readonly decisionDate: string;
  readonly receivedOn: string;
  readonly outcome: AppealOutcome;
  readonly rationale: string;
  /** Varied: the restrictions that still apply. */
  readonly restrictions?: readonly Restriction[];
  readonly route: ComplaintRoute;
}

const p = (text: string): Block => ({ kind: "p", text });
const heading = (text: string): Block => ({ kind: "heading", text });
const list = (items: readonly string[]): Block => ({ kind: "list", items });

function what(f: AppealOutcomeFacts, easy: boolean): string {
  const about = f.matterRef ? ` about ${f.matterRef}` : "";
  if (f.decisionType === "WarningIssued") return `the warning we gave you on ${longDate(f.decisionDate)}${about}`;
  return easy
    ? `your contact plan${about}`
    : `the contact strategy${about} (our decision of ${longDate(f.decisionDate)})`;
}

function outcomeBlocks(f: AppealOutcomeFacts, wording: Wording): Block[] {
  const easy = wording === "easy-read";
  const isWarning = f.decisionType === "WarningIssued";
  const items = list((f.restrictions ?? []).flatMap((r) => restrictionForPerson(r, wording)));
  switch (f.outcome) {
    case "upheld":
      return easy
        ? [p(`We have decided the decision stays the same.`)]
        : [p(`We have decided that the decision should stay in place.`)];
    case "overturned":
      if (isWarning)
        return easy
          ? [p(`We have decided to take the warning back.`), p(`It no longer counts on your record.`)]
          : [p(`We have decided to withdraw the warning. It no longer counts against you.`)];
      return easy
        ? [p(`We have decided to end the contact plan.`), p(`You can contact us in the usual way.`)]
        : [p(`We have decided to end the contact strategy. From now on you can contact us in the usual way.`)];
    case "varied":
      return easy
        ? [
            p(`We have decided to change the contact plan.`),
            heading(`What the plan says now`),
            items,
            p(`Anything not in this list no longer applies.`),
          ]
        : [
            p(`We have decided to change the contact strategy. Some of the arrangements no longer apply.`),
            heading(`What the strategy now means for you`),
            items,
            p(`Anything not listed here no longer applies.`),
          ];
  }
}

function routeBlocks(route: ComplaintRoute, wording: Wording): Block[] {
  const easy = wording === "easy-read";
  const name = route.ombudsman.trim() || DEFAULT_COMPLAINT_ROUTE.ombudsman;
  const details = [
    route.website?.trim() ? `Website: ${route.website.trim()}` : null,
    route.phone?.trim() ? `Phone: ${route.phone.trim()}` : null,
    route.address?.trim() ? `Write to: ${route.address.trim()}` : null,
  ].filter((x): x is string => x !== null);
  const out: Block[] = [
    heading(easy ? `If you are still unhappy` : `If you are still unhappy: complaining to the Ombudsman`),
  ];
  if (easy) {
    out.push(
      p(`This was our last look at the decision.`),
      p(`You can complain to ${name}.`),
      p(`The Ombudsman does not work for us.`),
    );
  } else {
    out.push(
      p(
        `This decision completes our reconsideration. If you are still unhappy with how we reached it, you can complain to ${name}, who is independent of us and will look at how we handled your case.`,
      ),
    );
  }
  if (details.length > 0) out.push(list(details));
  else
    out.push(
      p(
        easy
          ? `Ask us for the Ombudsman's contact details.`
          : `Ask us and we will give you the Ombudsman's contact details.`,
      ),
    );
  if (route.timeLimit?.trim())
    out.push(
      p(
        easy
          ? `Please complain ${route.timeLimit.trim()}.`
          : `Complaints to the Ombudsman should be made ${route.timeLimit.trim()}.`,
      ),
    );
  return out;
}

export const appealOutcomeTemplate: LetterTemplate<AppealOutcomeFacts> = {
  subject: (f) =>
    `The outcome of your request to reconsider ${f.decisionType === "WarningIssued" ? "a warning" : "your contact strategy"}`,
  body: (f, ctx, wording) => {
    const easy = wording === "easy-read";
    const out: Block[] = [p(`Dear ${ctx.recipientName.trim() || "Sir or Madam"},`)];
    out.push(
      easy
        ? p(`You asked us on ${longDate(f.receivedOn)} to look again at ${what(f, true)}.`)
        : p(
            `On ${longDate(f.receivedOn)} you asked us to reconsider ${what(f, false)}. Someone who was not involved in that decision has looked at it again.`,
          ),
    );
    if (easy) out.push(p(`Someone new has looked at it.`));
    out.push(...outcomeBlocks(f, wording), heading(easy ? `Why` : `Our reasons`), p(f.rationale));
    out.push(...routeBlocks(f.route, wording));
    out.push(
      easy
        ? p(`You can still ask us for help with other things.`)
        : p(`You can still contact us about any other matter in the usual way.`),
    );
    const role = ctx.sender.role?.trim();
    const org = organisationOf(ctx);
    out.push(
      p(
        `Yours sincerely,\n${ctx.sender.name}${role ? `\n${role}` : ""}\n${org.charAt(0).toUpperCase()}${org.slice(1)}`,
      ),
    );
    return out;
  },
};

/** The outcome letter, in the wording and type size the person's recorded adjustments call for. */
export const appealOutcomeLetter = (facts: AppealOutcomeFacts, ctx: LetterContext): Letter =>
  renderLetter(appealOutcomeTemplate, facts, ctx);

/** The letter's facts for a decided appeal; null while it waits for a decision. */
export function appealOutcomeFacts(
  view: AppealView,
  index: RecordIndex,
  route: ComplaintRoute = DEFAULT_COMPLAINT_ROUTE,
): AppealOutcomeFacts | null {
  const decided = view.decided;
  if (!decided) return null;
  const e = view.decision?.event;
  let matterRef: string | undefined;
  if (e?.type === "WarningIssued") matterRef = e.data.matterRef;
  else if (e?.type === "StrategyImposed") matterRef = e.data.matterRef;
  else if (e?.type === "StrategyReviewed")
    matterRef = index.person(e.personId).strategies.get(e.data.strategyId)?.matterRef;
  return {
    decisionType: view.received.decisionType,
    ...(matterRef ? { matterRef } : {}),
    decisionDate: view.decision ? londonDate(view.decision.atMs) : view.received.receivedOn,
    receivedOn: view.received.receivedOn,
    outcome: decided.outcome,
    rationale: decided.rationale,
    ...(decided.restrictions ? { restrictions: decided.restrictions } : {}),
    route,
  };
}

/**
 * The organisation's complaint route from the deployment's settings file (`settings.json`, key
 * `complaintRoute`: `{"ombudsman": "…", "website": "…", "phone": "…", "address": "…", "timeLimit": "…"}`),
 * added there by the administrator (docs/deploy.md). Anything missing or malformed gives the default,
 * which names "the Ombudsman" and asks the person to ask us for the details.
 */
export async function loadComplaintRoute(fetchText: (url: string) => Promise<string>): Promise<ComplaintRoute> {
  let raw: unknown;
  try {
    raw = (JSON.parse(await fetchText("settings.json")) as Record<string, unknown> | null)?.["complaintRoute"];
  } catch {
    return DEFAULT_COMPLAINT_ROUTE;
  }
  if (typeof raw !== "object" || raw === null) return DEFAULT_COMPLAINT_ROUTE;
  const r = raw as Record<string, unknown>;
  const text = (k: string): string | undefined =>
    typeof r[k] === "string" && (r[k] as string).trim() !== "" ? (r[k] as string).trim() : undefined;
  const ombudsman = text("ombudsman");
  if (!ombudsman) return DEFAULT_COMPLAINT_ROUTE;
  const out: { -readonly [K in keyof ComplaintRoute]: ComplaintRoute[K] } = { ombudsman };
  for (const k of ["website", "phone", "address", "timeLimit"] as const) {
    const v = text(k);
    if (v) out[k] = v;
  }
  return out;
}
