/**
 * Renders the ActionsPanel as the taskpane does: inside Fluent's provider and the services
 * context, with the in-memory store, a test clock, counting ids and a fake mail host that keeps
 * the letters it was asked to open. The person is identified from the message as the taskpane
 * does, so registering a sender moves the panel on to their steps.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render } from "@testing-library/react";
import { toHaveNoViolations } from "jest-axe";
import {
  ALL_FEATURES,
  type MailAddress,
  type MailHost,
  type MailMessage,
  type NewMessageForm,
} from "../../../src/app/mail-host";
import { ActionsPanel } from "../../../src/ui/actions/ActionsPanel";
import { clearAllDrafts } from "../../../src/ui/actions/drafts";
import { ServicesProvider, useRecord } from "../../../src/ui/services";
import { makeWorld, type World } from "../../app/world";

expect.extend(toHaveNoViolations);
// Fluent in JSDOM on a shared two-core machine: generous, so a slow run is not a failure.
jest.setTimeout(60_000);

// JSDOM does no layout, so every element's offsetParent is null and <body> has no size; Fluent's
// focus manager (tabster) reads that as "nothing is visible" and sends Tab to <body>. Giving
// elements their parent as offsetParent and the body a size lets keyboard tests follow the real
// tab order.
document.body.getBoundingClientRect = () =>
  ({ width: 1024, height: 768, top: 0, left: 0, right: 1024, bottom: 768, x: 0, y: 0, toJSON: () => ({}) }) as DOMRect;
Object.defineProperty(HTMLElement.prototype, "offsetParent", {
  configurable: true,
  get(this: HTMLElement) {
    return this.parentElement;
  },
});

export class FakeMailHost implements MailHost {
  readonly kind = "preview" as const;
  readonly features = ALL_FEATURES;
  readonly organisationDomains = ["opcc.example"];
  readonly replies: string[] = [];
  readonly newMessages: NewMessageForm[] = [];
  constructor(
    private readonly message: MailMessage | null,
    readonly user: MailAddress | null = { name: "Officer One", address: "officer.one@opcc.example" },
  ) {}
  currentMessage = () => this.message;
  onMessageChanged = () => () => undefined;
  displayReplyForm = async (html: string) => {
    this.replies.push(html);
  };
  displayNewMessageForm = async (form: NewMessageForm) => {
    this.newMessages.push(form);
  };
  /** Item ids of messages opened from the pane (the review step's "Open the message"). */
  readonly opened: string[] = [];
  displayMessage = async (itemId: string) => {
    this.opened.push(itemId);
  };
}

export const aMessage = (over: Partial<MailMessage> = {}): MailMessage => ({
  id: "AAMkAG-message-1",
  from: { name: "Alex Person", address: "a.person@example.org" },
  to: [{ name: "Officer One", address: "officer.one@opcc.example" }],
  cc: [],
  subject: "My complaint",
  receivedAt: "2026-11-04T08:00:00Z",
  bodyPreview: "",
  matterRef: "CPL-2026-0042",
  ...over,
});

function Host({
  personId,
  message,
  compact,
}: {
  personId: string | null;
  message: MailMessage | null;
  compact?: boolean;
}) {
  const { index } = useRecord();
  const found = message ? index.identify({ from: message.from.address }).personId : null;
  return <ActionsPanel personId={personId ?? found} message={message} compact={compact} />;
}

export interface Rendered {
  readonly world: World;
  readonly mail: FakeMailHost;
  readonly container: HTMLElement;
  readonly unmount: () => void;
}

export function renderPanel(
  opts: {
    world?: World;
    personId?: string | null;
    message?: MailMessage | null;
    user?: MailAddress | null;
    /** The narrow pane's panel (issue 14 item 8). */
    compact?: boolean;
  } = {},
): Rendered {
  clearAllDrafts();
  const world = opts.world ?? makeWorld();
  const message = opts.message === undefined ? aMessage() : opts.message;
  const mail = new FakeMailHost(message, opts.user === undefined ? undefined : opts.user);
  const services = { record: world.record, clock: world.clock, ids: world.ids, mail };
  const { container, unmount } = render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={services}>
        <Host personId={opts.personId ?? null} message={message} compact={opts.compact} />
      </ServicesProvider>
    </FluentProvider>,
  );
  return { world, mail, container, unmount };
}
