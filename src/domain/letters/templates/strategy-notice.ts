/**
 * Strategy notice (9.6–9.8): told in writing, with the reason, the restrictions, that it was put
 * in place so their issues are dealt with promptly and accurately (9.7), that it relates only to
 * that matter and other issues can still be raised (9.8), the review date (9.12) and how to ask
 * for reasonable adjustments (9.6).
 */
import type { Restriction } from "../../events";
import { adjustmentsBlocks, greeting, heading, list, p, signOff } from "../common";
import { longDate, restrictionItems } from "../format";
import type { LetterTemplate } from "../types";

export interface StrategyNoticeFacts {
  readonly matterRef: string;
  readonly reason: string;
  readonly restrictions: readonly Restriction[];
  readonly reviewDue: string;
}

export const strategyNoticeTemplate: LetterTemplate<StrategyNoticeFacts> = {
  subject: (f) => `Contact arrangements for ${f.matterRef}`,
  body: (f, ctx, wording) => {
    const items = list(restrictionItems(f.restrictions, wording));
    if (wording === "easy-read") {
      return [
        greeting(ctx),
        p(`I am writing about ${f.matterRef}.`),
        p(`We have made a plan for how you contact us about it. This is called a contact strategy.`),
        heading(`Why we have done this`),
        p(f.reason),
        p(`The plan helps us deal with your issues quickly and properly.`),
        p(`If you do not follow it, it may take us longer to deal with your issues.`),
        heading(`What the plan says`),
        items,
        heading(`What the plan covers`),
        p(`The plan is only about ${f.matterRef}.`),
        p(`You can still ask us for help with other things.`),
        p(`We will still read everything you send us.`),
        heading(`When we will look at the plan again`),
        p(`We will look at the plan again by ${longDate(f.reviewDue)}.`),
        p(`We will write to tell you what we decide.`),
        p(`Please tell us if you agree with the plan.`),
        ...adjustmentsBlocks(ctx, wording),
        signOff(ctx),
      ];
    }
    return [
      greeting(ctx),
      p(
        `I am writing to tell you that we have put in place a contact strategy for your contact with us about ${f.matterRef}.`,
      ),
      heading(`Why we have done this`),
      p(f.reason),
      p(
        `We have done this to make sure your issues are dealt with promptly and accurately. If you do not follow the strategy, it could hold up the handling of your issues or complaint.`,
      ),
      heading(`What the strategy means for you`),
      items,
      heading(`What the strategy covers`),
      p(
        `The strategy relates only to ${f.matterRef}. If you need help with any other issue, you can still ask us in the usual way. We will continue to read everything you send us, so that nothing new or urgent is missed.`,
      ),
      heading(`Review`),
      p(`We will review the strategy by ${longDate(f.reviewDue)} and write to tell you the outcome.`),
      p(
        `We would welcome your agreement to these arrangements. If you have any comments about them, please let us know in writing.`,
      ),
      ...adjustmentsBlocks(ctx, wording),
      signOff(ctx),
    ];
  },
};
