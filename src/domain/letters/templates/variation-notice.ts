/** Variation notice (9.14): the person is told about any change to the contact strategy. */
import type { Restriction } from "../../events";
import { adjustmentsBlocks, greeting, heading, list, p, signOff } from "../common";
import { longDate, restrictionItems } from "../format";
import type { LetterTemplate } from "../types";

export interface VariationFacts {
  readonly matterRef: string;
  readonly reason: string;
  /** The full new set of restrictions. */
  readonly restrictions: readonly Restriction[];
  readonly reviewDue: string;
}

export const variationNoticeTemplate: LetterTemplate<VariationFacts> = {
  subject: (f) => `Changes to the contact arrangements for ${f.matterRef}`,
  body: (f, ctx, wording) => {
    const items = list(restrictionItems(f.restrictions, wording));
    if (wording === "easy-read") {
      return [
        greeting(ctx),
        p(`We have changed your contact plan for ${f.matterRef}.`),
        heading(`Why we changed it`),
        p(f.reason),
        heading(`What the plan says now`),
        items,
        p(`Anything not in this list no longer applies.`),
        p(`The plan is only about ${f.matterRef}. You can still ask us for help with other things.`),
        p(`We will look at the plan again by ${longDate(f.reviewDue)}.`),
        ...adjustmentsBlocks(ctx, wording),
        signOff(ctx),
      ];
    }
    return [
      greeting(ctx),
      p(
        `I am writing to tell you that we have changed the contact strategy for your contact with us about ${f.matterRef}.`,
      ),
      heading(`Why we have changed it`),
      p(f.reason),
      heading(`What the strategy now means for you`),
      items,
      p(`Any arrangement not listed above no longer applies.`),
      p(
        `The strategy relates only to ${f.matterRef}. You can still ask us for help with any other issue in the usual way.`,
      ),
      p(`We will review the strategy by ${longDate(f.reviewDue)} and write to tell you the outcome.`),
      ...adjustmentsBlocks(ctx, wording),
      signOff(ctx),
    ];
  },
};
