/**
 * The signed-in member of staff's mailbox through Graph (m365-reference §4.1–§4.3): inbox rules,
 * the review folder under the Inbox, the master category list and a message's categories.
 * Permissions: MailboxSettings.ReadWrite (rules, master categories), Mail.ReadWrite (creating the
 * folder; categories on a message where Office.js cannot set them). docs/permissions.md.
 */
import type { MasterCategories, MessageCategories } from "../../app/mailbox-categories";
import type { MailboxRules, MailRule, RuleSpec } from "../../app/mailbox-reconcile";
import { GraphRequestError, type GraphClient } from "./graph-client";
import type { Graph, Page, Wire } from "./wire";

const odata = (v: string): string => encodeURIComponent(`'${v.replace(/'/g, "''")}'`);

export interface MailboxScopes {
  readonly settings: readonly string[];
  readonly mail: readonly string[];
}

export class GraphMailbox implements MailboxRules, MasterCategories, MessageCategories {
  constructor(
    private readonly graph: GraphClient,
    private readonly scopes: MailboxScopes,
    /** "/me" (the signed-in member of staff) or "/users/{id}" (app-only: the enforcement service). */
    private readonly base = "/me",
  ) {}

  // ---- inbox rules
  listRules(): Promise<MailRule[]> {
    return this.graph.getAll<MailRule>(`${this.base}/mailFolders/inbox/messageRules`, this.scopes.settings);
  }

  async createRule(rule: RuleSpec): Promise<void> {
    const body: Wire<Graph.MessageRule> = rule;
    // Not replayed after a 503: a second POST would make a second rule (the next reconcile removes it).
    await this.graph.post(`${this.base}/mailFolders/inbox/messageRules`, this.scopes.settings, body, {
      idempotent: false,
    });
  }

  async updateRule(id: string, rule: RuleSpec): Promise<void> {
    const body: Wire<Graph.MessageRule> = {
      ...rule,
      // PATCH replaces complex properties; an exception the rule no longer needs is cleared explicitly.
      exceptions: rule.exceptions ?? {},
    };
    await this.graph.patch(
      `${this.base}/mailFolders/inbox/messageRules/${encodeURIComponent(id)}`,
      this.scopes.settings,
      body,
    );
  }

  async deleteRule(id: string): Promise<void> {
    try {
      await this.graph.delete(
        `${this.base}/mailFolders/inbox/messageRules/${encodeURIComponent(id)}`,
        this.scopes.settings,
      );
    } catch (e) {
      if (!(e instanceof GraphRequestError && e.status === 404)) throw e; // already gone
    }
  }

  async ensureReviewFolder(displayName: string): Promise<string> {
    const find = async (): Promise<string | null> => {
      const res = await this.graph.get<Page<Graph.MailFolder>>(
        `${this.base}/mailFolders/inbox/childFolders?$filter=displayName eq ${odata(displayName)}`,
        this.scopes.mail,
      );
      const folder = (res.value ?? []).find((f) => f.displayName?.toLowerCase() === displayName.toLowerCase());
      return folder?.id ?? null;
    };
    const existing = await find();
    if (existing) return existing;
    try {
      const request: Wire<Graph.MailFolder> = { displayName, isHidden: false };
      const created = await this.graph.post<Graph.MailFolder>(
        `${this.base}/mailFolders/inbox/childFolders`,
        this.scopes.mail,
        request,
        { idempotent: true },
      );
      if (typeof created.id !== "string") throw new Error("Graph created the review folder but returned no id.");
      return created.id;
    } catch (e) {
      if (e instanceof GraphRequestError && e.status === 409) {
        const again = await find(); // created meanwhile (another tab)
        if (again) return again;
      }
      throw e;
    }
  }

  // ---- master categories
  async list(): Promise<{ displayName: string; color: string }[]> {
    return this.graph.getAll<{ displayName: string; color: string }>(
      `${this.base}/outlook/masterCategories`,
      this.scopes.settings,
    );
  }

  async create(displayName: string, color: string): Promise<void> {
    if (!/^preset(\d|1\d|2[0-4])$/.test(color) && color !== "none") {
      throw new Error(`"${color}" is not an Outlook category colour (preset0 to preset24, or none).`);
    }
    const body: Wire<Graph.OutlookCategory> = { displayName, color: color as Graph.CategoryColor };
    try {
      await this.graph.post(`${this.base}/outlook/masterCategories`, this.scopes.settings, body, { idempotent: true });
    } catch (e) {
      if (!(e instanceof GraphRequestError && e.status === 409)) throw e; // exists already
    }
  }

  // ---- a message's categories (the Graph REST id: Office's convertToRestId)
  async get(messageId: string): Promise<string[]> {
    const m = await this.graph.get<Graph.Message>(
      `${this.base}/messages/${encodeURIComponent(messageId)}?$select=categories`,
      this.scopes.mail,
    );
    return m.categories ?? [];
  }

  async set(messageId: string, categories: readonly string[]): Promise<void> {
    const body: Wire<Graph.Message> = { categories };
    await this.graph.patch(`${this.base}/messages/${encodeURIComponent(messageId)}`, this.scopes.mail, body);
  }
}
