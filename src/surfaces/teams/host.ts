/**
 * Where the Teams tab is running, and what it needs from there: inside Teams (TeamsJS
 * app.initialize, the user's sign-in name, the deep-linked sub-page), or as a page of the preview
 * on this device's record (teams.html opened directly, or ?preview).
 */
import type { EventStore } from "../../app/ports";
import type { OffsetClock } from "../../app/random-ids";
import { importRecord } from "../../app/record-transfer";

export interface HostInfo {
  readonly inTeams: boolean;
  /** The signed-in user's UPN (Teams) or the preview's member of staff. */
  readonly user: string | null;
  /** Teams' page.subPageId (a deep link's sub-entity), when opened from one. */
  readonly subPageId: string | null;
  /** "Teams", "Outlook", "Office"… inside a host; null in the preview. */
  readonly hostName: string | null;
  /** TeamsJS's nestedAppAuth, inside a host (for sign-in); null in the preview. */
  readonly nestedAppAuth: { isNAAChannelRecommended(): boolean } | null;
}

export interface TeamsJs {
  readonly nestedAppAuth?: { isNAAChannelRecommended(): boolean };
  initialize(): Promise<void>;
  getContext(): Promise<{
    user?: { userPrincipalName?: string; loginHint?: string };
    page?: { subPageId?: string };
    app?: { host?: { name?: string } };
  }>;
}

const NOT_IN_TEAMS: HostInfo = { inTeams: false, user: null, subPageId: null, hostName: null, nestedAppAuth: null };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from the host within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

async function loadTeamsJs(): Promise<TeamsJs> {
  const { app, nestedAppAuth } = await import("@microsoft/teams-js");
  return {
    nestedAppAuth,
    initialize: () => app.initialize(),
    getContext: () => app.getContext(),
  };
}

/**
 * Teams (and Outlook and Microsoft 365, which also host personal tabs) always show the tab in a
 * frame; a page at the top level is the preview. Inside a frame, app.initialize must answer (it
 * has to be called anyway before anything else of TeamsJS, and before sign-in: m365-reference §3.2).
 */
export async function detectHost(options: {
  framed: boolean;
  forcePreview: boolean;
  teams?: TeamsJs;
  timeoutMs?: number;
}): Promise<HostInfo> {
  if (!options.framed || options.forcePreview) return NOT_IN_TEAMS;
  try {
    // TeamsJS is loaded only inside a frame: on load it fetches its list of valid host origins from
    // Microsoft's CDN, which the Content-Security-Policy refuses (connect-src is Graph and sign-in
    // only); it then uses the list built into the library, which is what the tab relies on.
    const teams = options.teams ?? (await loadTeamsJs());
    await withTimeout(teams.initialize(), options.timeoutMs ?? 5000);
    const context = await withTimeout(teams.getContext(), options.timeoutMs ?? 5000);
    return {
      inTeams: true,
      user: context.user?.userPrincipalName || context.user?.loginHint || null,
      subPageId: context.page?.subPageId || null,
      hostName: context.app?.host?.name ?? null,
      nestedAppAuth: teams.nestedAppAuth ?? null,
    };
  } catch {
    return NOT_IN_TEAMS;
  }
}

export const SAMPLE_RECORD_URL = "sample/record.jsonl";
export const SAMPLE_MAILBOX_URL = "sample/mailbox.json";

export interface PreviewBoot {
  readonly user: string | null;
  readonly problems: readonly string[];
}

/**
 * The preview on this device's record (the same IndexedDB record the preview at / uses): the
 * clock starts at ?now= or the sample's "today" (so review dates read as in the preview); an
 * empty record gets the sample; the member of staff is ?user= or the sample mailbox's user.
 */
export async function bootPreview(
  store: EventStore,
  clock: OffsetClock,
  fetchText: (url: string) => Promise<string>,
  search: string,
): Promise<PreviewBoot> {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  let sample: { now?: unknown; user?: { address?: unknown } } = {};
  try {
    sample = JSON.parse(await fetchText(SAMPLE_MAILBOX_URL)) as typeof sample;
  } catch (err) {
    problems.push(
      `The sample mailbox could not be read (${err instanceof Error ? err.message : String(err)}), so the preview uses today's date.`,
    );
  }
  const now = params.get("now")?.trim() || (typeof sample.now === "string" ? sample.now : null);
  clock.startAt(now);
  try {
    if ((await store.readAll()).length === 0) {
      const result = await importRecord(store, await fetchText(SAMPLE_RECORD_URL), { replace: true });
      if (!result.ok) problems.push("The sample record could not be loaded: it did not pass the record's checks.");
    }
  } catch (err) {
    problems.push(`The sample record could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  const user = params.get("user")?.trim() || (typeof sample.user?.address === "string" ? sample.user.address : null);
  return { user, problems };
}

/** Same-origin text fetches only (the preview's rule; the CSP allows 'self' for this). */
export function sameOriginText(base: string): (url: string) => Promise<string> {
  return async (url: string) => {
    const target = new URL(url, base);
    if (target.origin !== new URL(base).origin) throw new Error(`${url} is not on this site.`);
    const res = await fetch(target.href, { cache: "no-store" });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return res.text();
  };
}

/** Saves a file the browser way: a download of a Blob. */
export function downloadFile(doc: Document): (fileName: string, text: string, mimeType: string) => void {
  return (fileName, text, mimeType) => {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
    const a = doc.createElement("a");
    a.href = url;
    a.download = fileName;
    a.rel = "noopener";
    doc.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
}

/**
 * Opens a report's HTML (app/reports) in a new window, to read or print (Print → Save as PDF).
 * The document is a Blob of our own making (escaped, no script, its own CSP). False when the
 * browser refused the window (a pop-up blocker, or a host that allows none).
 */
export function openHtmlDocument(win: Window): (html: string) => boolean {
  return (html) => {
    const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
    const opened = win.open(url, "_blank");
    if (!opened) {
      URL.revokeObjectURL(url);
      return false;
    }
    opened.opener = null;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return true;
  };
}
