import type { EventOf } from "../../../src/domain";

export type BreachAcknowledgedEvent = EventOf<"BreachAcknowledged">;
