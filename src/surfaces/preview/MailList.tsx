/**
 * The sample mailbox, as Outlook's message list: one button per message; the selected one is
 * marked (aria-current). Up and Down arrows, Home and End move between messages; Tab leaves the
 * list (each message is also a Tab stop, as in a plain list of links).
 */
import { Caption1, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import type { KeyboardEvent } from "react";
import type { MailMessage } from "../../app/mail-host";
import { formatDateTime } from "../../ui/format";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "stretch",
    gap: "2px",
    width: "100%",
    textAlign: "left",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderLeft: `${tokens.strokeWidthThicker} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase300,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    borderLeftColor: tokens.colorBrandStroke1,
    ":hover": { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  from: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  subject: { overflowWrap: "anywhere" },
});

function moveFocus(ev: KeyboardEvent<HTMLUListElement>): void {
  const buttons = [...ev.currentTarget.querySelectorAll<HTMLButtonElement>("button[data-message-id]")];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  const next =
    ev.key === "ArrowDown"
      ? i + 1
      : ev.key === "ArrowUp"
        ? i - 1
        : ev.key === "Home"
          ? 0
          : ev.key === "End"
            ? buttons.length - 1
            : null;
  if (next === null) return;
  ev.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
}

export interface MailListProps {
  readonly messages: readonly MailMessage[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}

/** Newest first, as an inbox is (issue 14 item 11); a message with no readable time goes last. */
export function newestFirst(messages: readonly MailMessage[]): MailMessage[] {
  const at = (m: MailMessage) => {
    const ms = Date.parse(m.receivedAt);
    return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
  };
  return [...messages].sort((a, b) => at(b) - at(a));
}

export function MailList({ messages, selectedId, onSelect }: MailListProps) {
  const styles = useStyles();
  if (messages.length === 0) return <Text>The mailbox is empty.</Text>;
  return (
    <ul className={styles.list} onKeyDown={moveFocus} data-testid="mail-list">
      {newestFirst(messages).map((m) => {
        const selected = m.id === selectedId;
        return (
          <li key={m.id}>
            <button
              type="button"
              className={mergeClasses(styles.item, selected && styles.selected)}
              aria-current={selected ? "true" : undefined}
              data-message-id={m.id}
              onClick={() => onSelect(m.id)}
            >
              <span className={styles.from}>{m.from.name || m.from.address}</span>
              <span className={styles.subject}>{m.subject || "(no subject)"}</span>
              <Caption1>
                <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>
              </Caption1>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
