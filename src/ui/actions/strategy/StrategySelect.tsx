/** Choose one of the person's active strategies (most people have one). */
import { activeStrategies, type PersonState } from "../../../domain";
import { formatCalendarDate, strategyName } from "../../format";
import { SelectField } from "../form/fields";

/** Each active strategy by name (matter and start), never its id (issue 14 item 7); the id is the option's value. */
export function strategyOptions(person: PersonState): (readonly [string, string])[] {
  return activeStrategies(person).map(
    (s) => [s.strategyId, `${strategyName(s)}; review by ${formatCalendarDate(s.reviewDue)}`] as const,
  );
}

export function firstActive(person: PersonState): string {
  return activeStrategies(person)[0]?.strategyId ?? "";
}

export function StrategySelect(p: {
  person: PersonState;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
}) {
  return (
    <SelectField
      label="Contact strategy"
      name="data.strategyId"
      placeholder="Choose…"
      value={p.value}
      options={strategyOptions(p.person)}
      onChange={(v) => p.onChange(v)}
      error={p.error}
    />
  );
}
