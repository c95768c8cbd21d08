/**
 * Where the guided actions (register, incident, warning, strategy …) appear in the taskpane.
 * Another module provides them in src/ui/actions/ActionsPanel.tsx, exporting
 * `ActionsPanel(props: { personId: string | null; message: MailMessage | null })`; the contract
 * is that file name and signature only. It is loaded lazily (its wizards and letters stay out of
 * the taskpane's eager bundle) and, while the file does not exist, the slot renders nothing.
 *
 * webpack's `require.context(…, "lazy")` finds the file if it is there at build time and makes
 * it a separate chunk; outside webpack (Jest) there is no require.context and the slot is empty
 * unless a test provides a loader with `setActionsPanelLoader`.
 */
import { lazy, Suspense, type ComponentType } from "react";
import { Spinner } from "@fluentui/react-components";
import type { MailMessage } from "../app/mail-host";

export interface ActionsPanelProps {
  readonly personId: string | null;
  readonly message: MailMessage | null;
  /** The narrow pane (issue 14 item 8): only the next step open at first, finished steps fold when another opens. */
  readonly compact?: boolean;
  /** Where the message's own actions (record the breach, log, reviewed) are drawn instead of in the panel: under the verdict. */
  readonly verdictActions?: HTMLElement | null;
}

type PanelModule = { ActionsPanel?: ComponentType<ActionsPanelProps> };
type Loader = () => Promise<PanelModule>;

interface WebpackContext {
  keys(): string[];
  (key: string): Promise<PanelModule>;
}
type WebpackRequire = { context?: (dir: string, recursive: boolean, re: RegExp, mode: "lazy") => WebpackContext };

function webpackLoader(): Loader | null {
  // A literal `require.context(…)` call (TypeScript drops the cast) so webpack can see it; in
  // Jest, require has no `context` and the call throws.
  let ctx: WebpackContext;
  try {
    ctx = (require as unknown as Required<WebpackRequire>).context(
      "./actions",
      false,
      /^\.\/ActionsPanel\.tsx?$/,
      "lazy",
    );
  } catch {
    return null;
  }
  const key = ctx.keys()[0];
  return key !== undefined ? () => ctx(key) : null;
}

let loader: Loader | null = webpackLoader();
let Panel: ComponentType<ActionsPanelProps> | null = null;

function panel(): ComponentType<ActionsPanelProps> | null {
  if (!Panel && loader) {
    const load = loader;
    Panel = lazy(async () => {
      const mod = await load();
      return { default: mod.ActionsPanel ?? (() => null) };
    });
  }
  return Panel;
}

/** For tests: the module that provides ActionsPanel (null: none). */
export function setActionsPanelLoader(next: Loader | null): void {
  loader = next;
  Panel = null;
}

export function ActionsSlot(props: ActionsPanelProps) {
  const Loaded = panel();
  if (!Loaded) return null;
  return (
    <Suspense fallback={<Spinner size="tiny" label="Loading actions…" />}>
      <Loaded {...props} />
    </Suspense>
  );
}
