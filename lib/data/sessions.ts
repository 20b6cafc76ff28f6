import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";

// Server-side session records behind the JWT session cookie. next-auth's credentials provider only issues
// stateless JWTs, which stay valid until they expire even after sign-out; each JWT therefore carries the id of
// a UserSession row (`sid`), every authenticated request checks the row, and signing out deletes it.

/** Sign in again after 30 days, however active the session was (the cookie's own expiry rolls). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

type RevocationListener = (sessionId: string) => void;

// On globalThis: one listener set per process, however many route bundles include this module.
const holder = globalThis as unknown as { sluiceSessionListeners?: Set<RevocationListener> };
const listeners = (holder.sluiceSessionListeners ??= new Set());

/** Records a new sign-in and returns its session id; drops the user's expired sessions on the way. */
export async function createUserSession(userId: string): Promise<string> {
  const now = new Date();
  const id = crypto.randomBytes(24).toString("base64url");
  await db.$transaction([
    db.userSession.deleteMany({ where: { userId, expiresAt: { lt: now } } }),
    db.userSession.create({
      data: { id, userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    }),
  ]);
  return id;
}

/** Whether the session exists (not signed out), belongs to `userId` and has not expired. */
export async function isSessionActive(sessionId: string, userId: string): Promise<boolean> {
  const row = await db.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, expiresAt: true } });
  return row !== null && row.userId === userId && row.expiresAt > new Date();
}

/** Signs one session out. Open live streams in this process end at once; other processes notice on their next
 *  check (each stream re-checks its session on every heartbeat). */
export async function revokeUserSession(sessionId: string): Promise<void> {
  await db.userSession.deleteMany({ where: { id: sessionId } });
  for (const listener of listeners) listener(sessionId);
}

/** Calls `listener` with the id of every session signed out in this process; returns the unsubscribe. */
export function onSessionRevoked(listener: RevocationListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
