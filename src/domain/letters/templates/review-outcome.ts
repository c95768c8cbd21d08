/**
 * Review outcome (9.12) and lifting: the person is told whether the strategy continues, changes
 * (9.14) or ends.
 */
import type { Restriction } from "../../events";
import { adjustmentsBlocks, greeting, heading, list, p, signOff } from "../common";
import { longDate, restrictionItems } from "../format";
import type { LetterTemplate } from "../types";

export type ReviewOutcomeFacts =
  | {
      readonly outcome: "continue" | "vary";
      readonly matterRef: string;
      readonly rationale: string;
      readonly restrictions: readonly Restriction[];
      readonly nextReviewDue: string;
    }
  | { readonly outcome: "lift"; readonly matterRef: string; readonly rationale: string };

export const reviewOutcomeTemplate: LetterTemplate<ReviewOutcomeFacts> = {
  subject: (f) =>
    f.outcome === "lift"
      ? `The contact arrangements for ${f.matterRef} have ended`
      : `Review of the contact arrangements for ${f.matterRef}`,
  body: (f, ctx, wording) => {
    const easy = wording === "easy-read";
    const out = [greeting(ctx)];
    if (f.outcome === "lift") {
      if (easy) {
        out.push(
          p(`We have looked again at your contact plan for ${f.matterRef}.`),
          p(`The plan has now ended.`),
          p(f.rationale),
          p(`You can contact us in the usual way.`),
        );
      } else {
        out.push(
          p(
            `We have reviewed the contact strategy for your contact with us about ${f.matterRef}, and we have decided to end it.`,
          ),
          p(f.rationale),
          p(`From now on you can contact us in the usual way. Thank you for your cooperation.`),
        );
      }
    } else {
      const items = list(restrictionItems(f.restrictions, wording));
      const changed = f.outcome === "vary";
      if (easy) {
        out.push(
          p(`We have looked again at your contact plan for ${f.matterRef}.`),
          p(changed ? `We have changed the plan.` : `The plan will stay the same.`),
          heading(`Why`),
          p(f.rationale),
          heading(changed ? `What the plan says now` : `What the plan says`),
          items,
          ...(changed ? [p(`Anything not in this list no longer applies.`)] : []),
          p(`We will look at the plan again by ${longDate(f.nextReviewDue)}.`),
          p(`You can still ask us for help with other things.`),
        );
      } else {
        out.push(
          p(
            changed
              ? `We have reviewed the contact strategy for your contact with us about ${f.matterRef}, and we have decided to change it.`
              : `We have reviewed the contact strategy for your contact with us about ${f.matterRef}, and we have decided that it should stay in place for now.`,
          ),
          heading(`Why`),
          p(f.rationale),
          heading(changed ? `What the strategy now means for you` : `What the strategy means for you`),
          items,
          ...(changed ? [p(`Any arrangement not listed above no longer applies.`)] : []),
          p(
            `We will review it again by ${longDate(f.nextReviewDue)}. The strategy relates only to ${f.matterRef}; you can still ask us for help with any other issue.`,
          ),
        );
      }
    }
    out.push(...adjustmentsBlocks(ctx, wording), signOff(ctx));
    return out;
  },
};
