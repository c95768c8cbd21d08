/**
 * Breach reminder (9.11): sent swiftly after a breach, with a clear reminder of the consequences
 * of breaching the strategy and of the reasons it was introduced.
 */
import type { Restriction } from "../../events";
import { adjustmentsBlocks, greeting, heading, list, p, signOff } from "../common";
import { longDate, restrictionItems } from "../format";
import { findingForPerson, occasionSentence, type BreachOccasion, type Finding } from "../happened";
import type { Block, LetterTemplate, Wording } from "../types";

export interface BreachReminderFacts {
  readonly matterRef: string;
  /** The strategy's reason, as recorded when it was imposed. */
  readonly reason: string;
  /** The restrictions in force now. */
  readonly restrictions: readonly Restriction[];
  /** The London date of the contact that breached it. */
  readonly breachDate: string;
  /** When and how the person got in touch (time and channel when the contact is logged). */
  readonly occasion?: BreachOccasion;
  /**
   * What did not follow the arrangements, one per restriction breached, as data (happened.ts).
   * Never the breach's `detail`: that is staff wording.
   */
  readonly findings: readonly Finding[];
  /** The breaches this one letter covers (all of one contact's). */
  readonly breachIds: readonly string[];
}

function whatHappened(f: BreachReminderFacts, wording: Wording): Block[] {
  const occasion = occasionSentence(f.occasion ?? { date: f.breachDate }, longDate, wording);
  const items = f.findings.map((x) => findingForPerson(x, wording));
  if (wording === "easy-read") {
    return [p(occasion), p(`This did not follow your contact plan for ${f.matterRef}:`), list(items)];
  }
  return [p(`${occasion} This did not follow the contact strategy we told you about for ${f.matterRef}:`), list(items)];
}

export const breachReminderTemplate: LetterTemplate<BreachReminderFacts> = {
  subject: (f) => `Reminder: contact arrangements for ${f.matterRef}`,
  body: (f, ctx, wording) => {
    const items = list(restrictionItems(f.restrictions, wording));
    if (wording === "easy-read") {
      return [
        greeting(ctx),
        ...whatHappened(f, wording),
        heading(`Your contact plan says`),
        items,
        heading(`Why we made the plan`),
        p(f.reason),
        heading(`What will happen if this goes on`),
        p(`It may take us longer to deal with your issues.`),
        p(`We may need to limit your contact more.`),
        p(`We will still read everything you send us.`),
        p(`You can still ask us for help with other things.`),
        ...adjustmentsBlocks(ctx, wording),
        signOff(ctx),
      ];
    }
    return [
      greeting(ctx),
      ...whatHappened(f, wording),
      heading(`What the strategy asks of you`),
      items,
      heading(`Why the strategy is in place`),
      p(f.reason),
      heading(`What will happen if this continues`),
      p(
        `Contact outside these arrangements may hold up how we deal with your issues. If it continues, we may need to restrict your contact further, and in the most serious cases take further action.`,
      ),
      p(
        `We will still read everything you send us, so that nothing new or urgent is missed, and you can still ask us for help with other issues in the usual way.`,
      ),
      ...adjustmentsBlocks(ctx, wording),
      signOff(ctx),
    ];
  },
};
