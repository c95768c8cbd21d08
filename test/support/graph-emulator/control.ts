/**
 * The emulator's control API, under `/_emulator/` (never part of Graph, never needs a token):
 *
 *   POST   /_emulator/reset                      everything cleared
 *   POST   /_emulator/users      {userPrincipalName, displayName?, mail?, managerUpn?}
 *   POST   /_emulator/sites      {hostname, path, grant?}            → {id}
 *   POST   /_emulator/messages   {upn, id?, subject?, categories?}   → {id}
 *   PUT    /_emulator/auth       {requireAuth?, enforceScopes?}
 *   POST   /_emulator/faults     FaultRule ("times": "forever")      → {id}
 *   DELETE /_emulator/faults                                         all rules removed
 *   POST   /_emulator/expire-delta {listId?}                         old delta tokens → 410
 *   GET    /_emulator/state                                          snapshot of all state
 *   GET    /_emulator/requests                                       the request log
 *   POST   /_emulator/token      {upn, scopes?}                      → {token} (for a test token provider)
 *   POST   /_emulator/app-token  {app, roles?}                       → {token} (app-only, for the enforcement service)
 */
import type { EmuRequest, EmuResponse, GraphEmulator, SiteRole } from "./core";
import type { FaultRule } from "./faults";
import { makeAppToken, makeEmulatorToken } from "./tokens";

export const CONTROL_PREFIX = "/_emulator/";

const ok = (body: unknown, status = 200): EmuResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export function isControlRequest(url: string): boolean {
  return new URL(url, "http://emulator.invalid").pathname.startsWith(CONTROL_PREFIX);
}

export function handleControl(emulator: GraphEmulator, req: EmuRequest): EmuResponse {
  const path = new URL(req.url, "http://emulator.invalid").pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
  const method = req.method.toUpperCase();
  let body: Record<string, unknown> = {};
  try {
    body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
  } catch {
    return ok({ error: { code: "BadRequest", message: "control body must be JSON" } }, 400);
  }
  const str = (k: string): string | undefined => (typeof body[k] === "string" ? (body[k] as string) : undefined);
  switch (`${method} ${path}`) {
    case "POST reset":
      emulator.reset();
      return ok({ ok: true });
    case "POST users": {
      const upn = str("userPrincipalName");
      if (!upn) return ok({ error: { code: "BadRequest", message: "userPrincipalName is required" } }, 400);
      const u = emulator.addUser({
        userPrincipalName: upn,
        ...(str("displayName") ? { displayName: str("displayName") } : {}),
        ...(str("mail") ? { mail: str("mail") } : {}),
        ...(str("managerUpn") ? { managerUpn: str("managerUpn") } : {}),
      });
      return ok(u, 201);
    }
    case "POST sites": {
      const site = emulator.addSite(
        str("hostname") ?? "contoso.sharepoint.com",
        str("path") ?? "sites/casework",
        (body["grant"] as SiteRole | null | undefined) ?? "manage",
      );
      return ok({ id: site.id }, 201);
    }
    case "POST messages": {
      const upn = str("upn");
      if (!upn) return ok({ error: { code: "BadRequest", message: "upn is required" } }, 400);
      const m = emulator.addMessage(upn, {
        ...(str("id") ? { id: str("id") } : {}),
        ...(str("subject") ? { subject: str("subject") } : {}),
        ...(Array.isArray(body["categories"]) ? { categories: body["categories"] as string[] } : {}),
      });
      return ok({ id: m.id }, 201);
    }
    case "PUT auth":
      if (typeof body["requireAuth"] === "boolean") emulator.requireAuth = body["requireAuth"] as boolean;
      if (typeof body["enforceScopes"] === "boolean") emulator.enforceScopes = body["enforceScopes"] as boolean;
      return ok({ requireAuth: emulator.requireAuth, enforceScopes: emulator.enforceScopes });
    case "POST faults": {
      // JSON has no Infinity: "times": "forever" keeps the rule until the faults are cleared.
      const rule = { ...body, ...(body["times"] === "forever" ? { times: Infinity } : {}) } as FaultRule;
      return ok({ id: emulator.addFault(rule) }, 201);
    }
    case "DELETE faults":
      emulator.clearFaults();
      return ok({ ok: true });
    case "POST expire-delta":
      emulator.expireDeltaTokens(str("listId"));
      return ok({ ok: true });
    case "GET state":
      return ok(emulator.snapshot());
    case "GET requests":
      return ok({ value: emulator.requests });
    case "POST token": {
      const upn = str("upn");
      if (!upn) return ok({ error: { code: "BadRequest", message: "upn is required" } }, 400);
      return ok({
        token: makeEmulatorToken(upn, Array.isArray(body["scopes"]) ? (body["scopes"] as string[]) : undefined),
      });
    }
    case "POST app-token":
      return ok({
        token: makeAppToken(
          str("app") ?? "app",
          Array.isArray(body["roles"]) ? (body["roles"] as string[]) : undefined,
        ),
      });
    default:
      return ok({ error: { code: "NotFound", message: `no control operation ${method} ${path}` } }, 404);
  }
}
