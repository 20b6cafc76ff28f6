import { AsyncLocalStorage } from "node:async_hooks";

// The events a perform is delivering and the Sluice source each arrived through, for a destination that must
// say where a call came from (the built-in Journeys destination's activity timeline). Set by the delivery
// worker around each perform; the definition's request functions run inside it.

export type DeliveryOrigin = { workspaceId: string; events: { messageId?: string; sourceId: string }[] };

const store = new AsyncLocalStorage<DeliveryOrigin>();

export function runWithDeliveryOrigin<T>(origin: DeliveryOrigin, fn: () => T): T {
  return store.run(origin, fn);
}

/** The delivery being performed, when this runs inside one. */
export function currentDeliveryOrigin(): DeliveryOrigin | undefined {
  return store.getStore();
}
