"use client";
import { createContext } from "react";

/** The JSON of the recent events the editor loaded (newest first), for suggestions that depend on a path. */
export const RecentEventsContext = createContext<unknown[]>([]);
