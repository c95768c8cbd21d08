// A ServicesProvider over the sample data: the in-memory store, a fixed clock at the sample's
// "today", and the preview's MailboxHost (so tests select messages as the preview does).
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { MemoryEventStore } from "../../src/adapters/local";
import type { MailFeatures } from "../../src/app/mail-host";
import type { EventStore } from "../../src/app/ports";
import { RecordService } from "../../src/app/record-service";
import { importRecord } from "../../src/app/record-transfer";
import { ServicesProvider, type Services } from "../../src/ui/services";
import { MailboxHost } from "../../src/surfaces/preview/mailbox-host";
import { sampleMailbox, sampleMailboxRaw, sampleRecordText } from "./sample";

export interface Fixture {
  readonly services: Services;
  readonly host: MailboxHost;
  readonly store: EventStore;
  readonly record: RecordService;
  wrap(children: ReactNode): ReactNode;
}

export async function sampleFixture(
  options: { load?: boolean; features?: MailFeatures; store?: EventStore } = {},
): Promise<Fixture> {
  const store = options.store ?? new MemoryEventStore();
  const result = await importRecord(store, sampleRecordText(), { replace: true });
  if (!result.ok) throw new Error("sample record did not import");
  const now = Date.parse(sampleMailboxRaw().now);
  const clock = { now: () => now };
  const record = new RecordService(store, clock);
  if (options.load !== false) await record.load();
  const host = new MailboxHost(sampleMailbox());
  if (options.features) Object.defineProperty(host, "features", { value: options.features });
  let n = 0;
  const services: Services = { record, clock, ids: { next: (p) => `${p}-${++n}` }, mail: host };
  return {
    services,
    host,
    store,
    record,
    wrap: (children) => (
      <FluentProvider theme={webLightTheme}>
        <ServicesProvider services={services}>{children}</ServicesProvider>
      </FluentProvider>
    ),
  };
}
