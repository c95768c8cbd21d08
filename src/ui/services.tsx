/**
 * ServicesContext: the ports a surface's composition root hands to components (style.md). A
 * component asks for what it needs with useServices(); it never builds an adapter itself, so the
 * same components run in Outlook, in the preview and in tests.
 */
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { MailHost, MailMessage } from "../app/mail-host";
import type { Clock, IdSource } from "../app/ports";
import type { AppealService } from "../app/appeals";
import type { ComplaintRoute } from "../app/appeal-letter";
import type { RecordService, RecordSnapshot } from "../app/record-service";

export interface Services {
  readonly record: RecordService;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly mail: MailHost;
  /** Appeals / reconsideration (app/appeals.ts); the person page hides them where a surface gives none. */
  readonly appeals?: AppealService;
  /** The organisation's Ombudsman complaint route for the appeal outcome letter (app/appeal-letter.ts). */
  readonly complaintRoute?: ComplaintRoute;
}

const ServicesContext = createContext<Services | null>(null);

export interface ServicesProviderProps {
  readonly services: Services;
  readonly children?: ReactNode;
}

export function ServicesProvider({ services, children }: ServicesProviderProps) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices() must be used inside <ServicesProvider>.");
  return services;
}

/** The record's read model; re-renders on every append. */
export function useRecord(): RecordSnapshot {
  const { record } = useServices();
  return useSyncExternalStore(record.subscribe, record.getSnapshot, record.getSnapshot);
}

/** The selected message; re-renders when the host's selection changes. */
export function useCurrentMessage(): MailMessage | null {
  const { mail } = useServices();
  const subscribe = useCallback((listener: () => void) => mail.onMessageChanged(listener), [mail]);
  const get = useCallback(() => mail.currentMessage(), [mail]);
  return useSyncExternalStore(subscribe, get, get);
}
