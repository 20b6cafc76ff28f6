"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False during server rendering and hydration, true once React runs in the browser. Forms keep their submit
 *  button disabled until then, so an early click cannot submit natively (a GET would put the password in the URL). */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
