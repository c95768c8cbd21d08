/**
 * Teams and the directory through Graph (m365-reference §4.4, §4.5), and the notification ledger
 * in SharePoint (see src/app/notify.ts for the exactly-once protocol).
 * Permissions: User.Read (/me), User.Read.All (/me/manager, admin consent), Chat.Create (open the
 * one-to-one chat), ChatMessage.Send (post the card), Chat.Read (only to check whether an
 * interrupted send landed), Sites.Selected (the ledger list). docs/permissions.md.
 */
import type { AdaptiveCard, DirectoryUser, LedgerEntry, NotificationLedger, TeamsPort } from "../../app/notify";
import { GraphRequestError, type GraphClient } from "./graph-client";
import { isUniqueConflict, type ListItem, type SharePointList } from "./sharepoint";
import type { Graph } from "./wire";

export interface TeamsScopes {
  readonly profile: readonly string[];
  readonly manager: readonly string[];
  readonly teams: readonly string[];
  readonly teamsRecovery: readonly string[];
}

type GraphUser = Graph.User;

function toUser(u: GraphUser): DirectoryUser {
  if (typeof u.id !== "string") throw new Error("Graph returned a user without an id.");
  return {
    id: u.id,
    upn: u.userPrincipalName ?? u.mail ?? u.id,
    ...(u.mail ? { mail: u.mail } : {}),
  };
}

export class GraphTeams implements TeamsPort {
  private readonly chats = new Map<string, string>();

  constructor(
    private readonly graph: GraphClient,
    private readonly scopes: TeamsScopes,
  ) {}

  async me(): Promise<DirectoryUser> {
    return toUser(await this.graph.get<GraphUser>("/me?$select=id,userPrincipalName,mail", this.scopes.profile));
  }

  async manager(): Promise<DirectoryUser | null> {
    try {
      return toUser(
        await this.graph.get<GraphUser>("/me/manager?$select=id,userPrincipalName,mail", this.scopes.manager),
      );
    } catch (e) {
      // No manager in the directory: 404 Request_ResourceNotFound (m365-reference §4.4, unverified code).
      // 403: the directory will not say (User.Read.All not granted): the casework manager is the fallback.
      if (e instanceof GraphRequestError && (e.status === 404 || e.status === 403)) return null;
      throw e;
    }
  }

  private bind(user: DirectoryUser): string {
    // users('{id | userPrincipalName}') on the same cloud as the base URL. An OData string literal
    // doubles its apostrophes (a UPN like mary.o'brien@…), then the key is percent-encoded.
    return `${this.graph.baseUrl}/users('${encodeURIComponent(user.id.replace(/'/g, "''"))}')`;
  }

  async openChat(me: DirectoryUser, other: DirectoryUser): Promise<string> {
    const key = `${me.id}|${other.id}`.toLowerCase();
    const cached = this.chats.get(key);
    if (cached) return cached;
    const member = (u: DirectoryUser): Record<string, unknown> => ({
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: ["owner"],
      "user@odata.bind": this.bind(u),
    });
    // Creating a one-to-one chat that exists returns it, so a replay is harmless.
    const chat = await this.graph.post<{ id: string }>(
      "/chats",
      this.scopes.teams,
      { chatType: "oneOnOne", members: [member(me), member(other)] },
      { idempotent: true },
    );
    this.chats.set(key, chat.id);
    return chat.id;
  }

  async hasCard(chatId: string, attachmentId: string): Promise<boolean> {
    let next: string | undefined = `/chats/${encodeURIComponent(chatId)}/messages?$top=50`;
    // The card is recent: three pages (150 messages) is plenty.
    for (let page = 0; next && page < 3; page++) {
      const res: { value?: { attachments?: { id?: string }[] }[]; "@odata.nextLink"?: string } = await this.graph.get(
        next,
        this.scopes.teamsRecovery,
      );
      if ((res.value ?? []).some((m) => (m.attachments ?? []).some((a) => a.id === attachmentId))) return true;
      next = res["@odata.nextLink"];
    }
    return false;
  }

  async sendCard(chatId: string, attachmentId: string, card: AdaptiveCard, notAfterMs?: number): Promise<string> {
    const res = await this.graph.request<{ id: string }>("POST", `/chats/${encodeURIComponent(chatId)}/messages`, {
      scopes: this.scopes.teams,
      maxRetries: 0, // the notifier decides: a replay could post the card twice
      ...(notAfterMs !== undefined ? { notAfterMs } : {}),
      body: {
        body: { contentType: "html", content: `<attachment id="${attachmentId}"></attachment>` },
        attachments: [
          {
            id: attachmentId,
            contentType: "application/vnd.microsoft.card.adaptive",
            contentUrl: null,
            content: JSON.stringify(card),
          },
        ],
      },
    });
    return res.body.id;
  }
}

function toEntry(key: string, item: ListItem): LedgerEntry {
  const f = item.fields;
  const text = (k: string): string => (typeof f[k] === "string" ? (f[k] as string) : "");
  const chatMessageId = text("ChatMessageId");
  return {
    key,
    itemId: item.itemId,
    eTag: item.eTag,
    state: text("State") === "sent" ? "sent" : "claimed",
    claimToken: text("ClaimToken"),
    claimedAt: Number(text("ClaimedAt")) || 0,
    ...(chatMessageId ? { chatMessageId } : {}),
    ...(item.createdBy ? { author: item.createdBy } : {}),
  };
}

/** The ledger list ("Contact strategy notifications"), with NotificationKey unique. */
export class SharePointLedger implements NotificationLedger {
  constructor(private readonly list: SharePointList) {}

  async get(key: string): Promise<LedgerEntry | null> {
    const items = await this.list.findBy("NotificationKey", key);
    const exact = items.find((i) => i.fields["NotificationKey"] === key);
    return exact ? toEntry(key, exact) : null;
  }

  async remove(entry: LedgerEntry): Promise<void> {
    await this.list.deleteItem(entry.itemId);
  }

  async claim(key: string, token: string, nowMs: number): Promise<LedgerEntry | null> {
    const fields = { Title: key, NotificationKey: key, State: "claimed", ClaimToken: token, ClaimedAt: String(nowMs) };
    try {
      const created = await this.list.createItem(fields);
      return { key, itemId: created.itemId, eTag: created.eTag, state: "claimed", claimToken: token, claimedAt: nowMs };
    } catch (e) {
      if (isUniqueConflict(e)) return null;
      throw e;
    }
  }

  async renew(entry: LedgerEntry, token: string, nowMs: number): Promise<LedgerEntry | null> {
    try {
      const updated = await this.list.patchFields(
        entry.itemId,
        { State: "claimed", ClaimToken: token, ClaimedAt: String(nowMs) },
        entry.eTag,
      );
      return { ...entry, eTag: updated.eTag, state: "claimed", claimToken: token, claimedAt: nowMs };
    } catch (e) {
      if (e instanceof GraphRequestError && e.status === 412) return null;
      throw e;
    }
  }

  async markSent(entry: LedgerEntry, chatMessageId: string): Promise<LedgerEntry | null> {
    try {
      const updated = await this.list.patchFields(
        entry.itemId,
        { State: "sent", ChatMessageId: chatMessageId },
        entry.eTag,
      );
      return { ...entry, eTag: updated.eTag, state: "sent", chatMessageId };
    } catch (e) {
      if (e instanceof GraphRequestError && e.status === 412) return null;
      throw e;
    }
  }
}
