/**
 * Graph's own types for what crosses the wire (`@microsoft/microsoft-graph-types`, issue 11): the
 * bodies the adapters send are checked against them at compile time, and responses are read as
 * them, then mapped to the app's port types (Graph's `NullableOption` fields become absent).
 */
import type * as Graph from "@microsoft/microsoft-graph-types";
import type { GraphMessage } from "../../app/enforcement";

export type { Graph };

/** `T` with every array and property read-only, so the app's read-only values can be checked against Graph's shapes. */
export type Wire<T> = T extends (infer U)[]
  ? readonly Wire<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Wire<T[K]> }
    : T;

/** A page of a Graph collection (`value`, and a next or delta link). */
export interface Page<T> {
  readonly value?: T[];
  readonly "@odata.nextLink"?: string;
  readonly "@odata.deltaLink"?: string;
}

type WireRecipient = Graph.Recipient | null | undefined;

function recipient(r: WireRecipient): { emailAddress?: { address?: string; name?: string } } {
  const e = r?.emailAddress;
  if (!e) return {};
  return {
    emailAddress: {
      ...(typeof e.address === "string" ? { address: e.address } : {}),
      ...(typeof e.name === "string" ? { name: e.name } : {}),
    },
  };
}

/** A message as Graph sends it → the app's GraphMessage (nulls dropped; a delta's `@removed` kept). */
export function fromWireMessage(m: Graph.Message & { "@removed"?: unknown }): GraphMessage {
  if (typeof m.id !== "string") throw new Error("Graph returned a message without an id.");
  return {
    id: m.id,
    ...(typeof m.internetMessageId === "string" ? { internetMessageId: m.internetMessageId } : {}),
    ...(m.from ? { from: recipient(m.from) } : {}),
    ...(m.toRecipients ? { toRecipients: m.toRecipients.map(recipient) } : {}),
    ...(m.ccRecipients ? { ccRecipients: m.ccRecipients.map(recipient) } : {}),
    ...(typeof m.subject === "string" ? { subject: m.subject } : {}),
    ...(typeof m.receivedDateTime === "string" ? { receivedDateTime: m.receivedDateTime } : {}),
    ...(typeof m.bodyPreview === "string" ? { bodyPreview: m.bodyPreview } : {}),
    ...(m["@removed"] !== undefined ? { "@removed": m["@removed"] } : {}),
  };
}
