/**
 * The enforcement service's Graph calls, app-only (docs/service.md): subscriptions on a mailbox
 * folder, one message, message delta per folder, the review folder, and the Teams activity feed.
 * Application permissions: Mail.ReadWrite, MailboxSettings.ReadWrite (rules, categories),
 * TeamsActivity.Send; scoped to the team mailboxes by Exchange Online RBAC for Applications (or an
 * application access policy). Messages are read with `Prefer: IdType="ImmutableId"`, so a message
 * keeps its id when a rule moves it to the review folder.
 */
import type {
  DeltaPage,
  EnforcementGraph,
  GraphMessage,
  Subscription,
  SubscriptionRequest,
} from "../../app/enforcement";
import { REVIEW_FOLDER } from "../../app/mailbox-reconcile";
import type { ActivityFeedPort, ActivityNotification } from "../../app/notify";
import { GraphRequestError, type GraphClient } from "./graph-client";
import { GraphMailbox } from "./mailbox";
import { fromWireMessage, type Graph, type Page, type Wire } from "./wire";

/** Application roles, per call (the token provider asks for `/.default`: what the admin granted). */
export const SERVICE_ROLES = {
  mail: ["Mail.ReadWrite"],
  settings: ["MailboxSettings.ReadWrite"],
  activity: ["TeamsActivity.Send"],
  record: ["Sites.Selected"],
  /** Forward targets of mail rules are checked against the directory (issue 16). */
  directory: ["User.Read.All"],
} as const;

const IMMUTABLE_IDS = { Prefer: 'IdType="ImmutableId"' };
const SELECT = "$select=id,internetMessageId,from,toRecipients,ccRecipients,subject,receivedDateTime";
const enc = encodeURIComponent;

/** A mailbox's rules, review folder and categories at `/users/{id}` (app-only). */
export function serviceMailbox(graph: GraphClient, mailboxId: string): GraphMailbox {
  return new GraphMailbox(
    graph,
    { settings: SERVICE_ROLES.settings, mail: SERVICE_ROLES.mail },
    `/users/${enc(mailboxId)}`,
  );
}

/** A subscription as Graph answers it → the app's Subscription; a reply without an id or expiry is an error. */
function subscription(s: Graph.Subscription): Subscription {
  if (typeof s.id !== "string" || typeof s.expirationDateTime !== "string") {
    throw new Error("Graph answered a subscription request without an id or an expiry.");
  }
  return { id: s.id, expirationDateTime: s.expirationDateTime };
}

export class GraphEnforcement implements EnforcementGraph, ActivityFeedPort {
  constructor(private readonly graph: GraphClient) {}

  createSubscription(request: SubscriptionRequest): Promise<Subscription> {
    // Not replayed after a 503: a second POST would make a second subscription (notifications are idempotent anyway).
    const body: Wire<Graph.Subscription> = request;
    return this.graph
      .post<Graph.Subscription>("/subscriptions", SERVICE_ROLES.mail, body, { idempotent: false })
      .then(subscription);
  }

  renewSubscription(id: string, expirationDateTime: string): Promise<Subscription> {
    const body: Wire<Graph.Subscription> = { expirationDateTime };
    return this.graph
      .patch<Graph.Subscription>(`/subscriptions/${enc(id)}`, SERVICE_ROLES.mail, body)
      .then(subscription);
  }

  async getMessage(mailboxId: string, messageId: string): Promise<GraphMessage | null> {
    try {
      return fromWireMessage(
        await this.graph.get<Graph.Message>(
          `/users/${enc(mailboxId)}/messages/${enc(messageId)}?${SELECT}`,
          SERVICE_ROLES.mail,
          IMMUTABLE_IDS,
        ),
      );
    } catch (e) {
      if (e instanceof GraphRequestError && e.status === 404) return null;
      throw e;
    }
  }

  async delta(mailboxId: string, folder: string, deltaLink: string | null, sinceIso: string): Promise<DeltaPage> {
    const messages: GraphMessage[] = [];
    let next: string =
      deltaLink ??
      `/users/${enc(mailboxId)}/mailFolders/${enc(folder)}/messages/delta?${SELECT}&$filter=${enc(`receivedDateTime ge ${sinceIso}`)}`;
    for (;;) {
      const page = await this.graph.get<Page<Graph.Message>>(next, SERVICE_ROLES.mail, IMMUTABLE_IDS);
      messages.push(...(page.value ?? []).map(fromWireMessage));
      if (page["@odata.deltaLink"]) return { messages, deltaLink: page["@odata.deltaLink"] };
      if (!page["@odata.nextLink"]) throw new Error("A message delta page had neither a nextLink nor a deltaLink.");
      next = page["@odata.nextLink"];
    }
  }

  async watchedFolders(mailboxId: string): Promise<string[]> {
    return ["inbox", await serviceMailbox(this.graph, mailboxId).ensureReviewFolder(REVIEW_FOLDER)];
  }

  async sendActivity(userId: string, notification: ActivityNotification): Promise<void> {
    await this.graph.post(
      `/users/${enc(userId)}/teamwork/sendActivityNotification`,
      SERVICE_ROLES.activity,
      notification,
      {
        idempotent: false,
        maxRetries: 0,
      },
    );
  }
}
