/**
 * The organisation's directory through Graph (issue 16, Deliver 3): does an address belong to a
 * user or shared mailbox of the tenant? `GET /users?$filter=userPrincipalName eq '…' or mail eq '…'`
 * (both filterable with eq without advanced queries), delegated `User.Read.All` (already consented
 * for the line-manager lookup; docs/permissions.md). Used by the mail-rules reconciler before it
 * writes a forward rule.
 */
import type { DirectoryLookup } from "../../app/mailbox-reconcile";
import type { GraphClient } from "./graph-client";
import type { Graph, Page } from "./wire";

const odata = (v: string): string => `'${v.replace(/'/g, "''")}'`;

export class GraphDirectory implements DirectoryLookup {
  private readonly cache = new Map<string, boolean>();

  constructor(
    private readonly graph: GraphClient,
    private readonly scopes: readonly string[],
  ) {}

  async exists(address: string): Promise<boolean | null> {
    const a = address.trim().toLowerCase();
    const cached = this.cache.get(a);
    if (cached !== undefined) return cached;
    const filter = `userPrincipalName eq ${odata(a)} or mail eq ${odata(a)}`;
    try {
      const page = await this.graph.get<Page<Graph.User>>(
        `/users?$filter=${encodeURIComponent(filter)}&$select=id`,
        this.scopes,
      );
      const found = (page.value ?? []).length > 0;
      this.cache.set(a, found);
      return found;
    } catch {
      // No consent, throttled past retries, offline: the reconciler withholds the forward and tries later.
      return null;
    }
  }
}
