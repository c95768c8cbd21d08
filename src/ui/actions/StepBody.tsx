/** The form for each step of the policy (one file per step). */
import type { StepId } from "../../app/guidance";
import { AssistanceStep } from "./steps/AssistanceStep";
import { BreachStep } from "./steps/BreachStep";
import { CausesStep } from "./steps/CausesStep";
import { ContactReviewStep } from "./steps/ContactReviewStep";
import { FurtherActionStep } from "./steps/FurtherActionStep";
import { HistoryStep } from "./steps/HistoryStep";
import { IncidentStep } from "./steps/IncidentStep";
import { LogContactStep } from "./steps/LogContactStep";
import { NeedsStep } from "./steps/NeedsStep";
import { RegisterStep } from "./steps/RegisterStep";
import { ReminderStep } from "./steps/ReminderStep";
import { SharingStep } from "./steps/SharingStep";
import { WarningStep } from "./steps/WarningStep";
import { ImposeWizard } from "./strategy/ImposeWizard";
import { LiftStep } from "./strategy/LiftStep";
import { ReviewStep } from "./strategy/ReviewStep";
import { VaryStep } from "./strategy/VaryStep";

export function StepBody({ step, personId }: { step: StepId; personId: string | null }) {
  if (step === "register" || personId === null) return <RegisterStep />;
  switch (step) {
    case "assistance":
      return <AssistanceStep personId={personId} />;
    case "needs":
      return <NeedsStep personId={personId} />;
    case "incident":
      return <IncidentStep personId={personId} />;
    case "causes":
      return <CausesStep personId={personId} />;
    case "warning":
      return <WarningStep personId={personId} />;
    case "strategy":
      return <ImposeWizard personId={personId} />;
    case "log-contact":
      return <LogContactStep personId={personId} />;
    case "review-contact":
      return <ContactReviewStep personId={personId} />;
    case "breach":
      return <BreachStep personId={personId} />;
    case "reminder":
      return <ReminderStep personId={personId} />;
    case "review":
      return <ReviewStep personId={personId} />;
    case "vary":
      return <VaryStep personId={personId} />;
    case "lift":
      return <LiftStep personId={personId} />;
    case "sharing":
      return <SharingStep personId={personId} />;
    case "further-action":
      return <FurtherActionStep personId={personId} />;
    case "history":
      return <HistoryStep personId={personId} />;
  }
}
