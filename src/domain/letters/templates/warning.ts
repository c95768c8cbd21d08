/**
 * Warning letter (9.1–9.3): what the behaviour was and why it is not acceptable, how the person
 * can change it, and what will happen if it continues, before any restriction is decided.
 */
import { BEHAVIOURS, type BehaviourCode } from "../../catalogue";
import { adjustmentsBlocks, greeting, heading, list, p, signOff } from "../common";
import { behaviourPhrase } from "../format";
import type { LetterTemplate } from "../types";

export interface WarningFacts {
  readonly behaviours: readonly BehaviourCode[];
  readonly expectedChange: string;
  readonly consequences: string;
  readonly matterRef?: string;
}

const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1) + ".";

export const warningTemplate: LetterTemplate<WarningFacts> = {
  subject: (f) => `Your contact with us${f.matterRef ? ` about ${f.matterRef}` : ""}`,
  body: (f, ctx, wording) => {
    const abusive = f.behaviours.some((b) => BEHAVIOURS[b].kind === "abusive");
    const behaviours = list(f.behaviours.map((b) => sentence(behaviourPhrase(b))));
    const about = f.matterRef ? ` about ${f.matterRef}` : "";
    if (wording === "easy-read") {
      return [
        greeting(ctx),
        p(`I am writing about how you contact us${about}.`),
        p(`We know you may be upset. We want to help you.`),
        p(`But some things you have done are not OK:`),
        behaviours,
        ...(abusive ? [p(`We will not accept abuse or threats to our staff.`)] : []),
        heading(`What we are asking you to do`),
        p(f.expectedChange),
        heading(`What will happen if this goes on`),
        p(f.consequences),
        p(`You can still change this. We have not made any decision yet.`),
        ...adjustmentsBlocks(ctx, wording),
        signOff(ctx),
      ];
    }
    return [
      greeting(ctx),
      p(`I am writing about the way you have been contacting us${about}.`),
      p(
        `We understand that you may have been through frustrating or distressing circumstances, and we want to help you with your concerns. However, the following behaviour is not acceptable, because of its effect on our staff and on the time we have to deal with your concerns and those of other people:`,
      ),
      behaviours,
      ...(abusive ? [p(`Violent, threatening or abusive behaviour towards our staff will not be tolerated.`)] : []),
      heading(`What we are asking you to do`),
      p(f.expectedChange),
      heading(`What will happen if this continues`),
      p(f.consequences),
      p(
        `We are writing now so that you have the chance to change this before we decide whether to restrict how you can contact us.`,
      ),
      ...adjustmentsBlocks(ctx, wording),
      signOff(ctx),
    ];
  },
};
