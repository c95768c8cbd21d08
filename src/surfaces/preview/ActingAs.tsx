/**
 * The preview's "Acting as" chooser (issue 12 item 1): a newcomer tries the product as each role
 * the organisation's directory would give them (app/roles.ts), or as front-line staff with no role.
 * It only sets the record service's access, so what is refused is refused by the app layer
 * (E_ROLE_NOT_ALLOWED) exactly as in Microsoft 365 mode, where the roles come from sign-in instead.
 * "Front-line staff (no role)" and "Administrator" show the front-line view (issue 12 Deliver 5,
 * app/need-to-know.ts): the restrictions and what to do, not the history.
 */
import { Field, Select } from "@fluentui/react-components";
import { useState } from "react";
import { Access, ROLE_LABELS, ROLES, type Role } from "../../app/roles";
import type { RecordService } from "../../app/record-service";

const EVERY = "every-role";
const NONE = "no-role";

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The choice that matches an access (every role, one role, or none). */
function choiceOf(access: Access): string {
  if (access.hasNoRole) return NONE;
  if (ROLES.every((r) => access.roles.includes(r))) return EVERY;
  return access.roles[0] ?? NONE;
}

export function accessForChoice(choice: string): Access {
  if (choice === EVERY) return Access.everyone();
  const role = ROLES.find((r) => r === choice);
  return role ? new Access([role]) : Access.none();
}

export function ActingAs({ record }: { readonly record: RecordService }) {
  const [choice, setChoice] = useState(() => choiceOf(record.access));
  return (
    <Field label="Acting as" hint="In Microsoft 365, roles come from your directory.">
      <Select
        value={choice}
        data-testid="acting-as"
        onChange={(_e, d) => {
          setChoice(d.value);
          record.setAccess(accessForChoice(d.value));
        }}
      >
        <option value={EVERY}>Every role (demonstration)</option>
        {ROLES.map((r: Role) => (
          <option key={r} value={r}>
            {sentence(ROLE_LABELS[r])}
          </option>
        ))}
        <option value={NONE}>Front-line staff (no role)</option>
      </Select>
    </Field>
  );
}
