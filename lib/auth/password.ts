import "server-only";
import bcrypt from "bcryptjs";

const COST = 10; // ~70 ms per hash on this class of machine

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: Promise<string> | undefined;

/** Checks a password against a hash, or against a throwaway hash when there is no user, so that timing does
 *  not reveal which emails have accounts. */
export async function verifyPasswordOrDummy(password: string, hash: string | undefined): Promise<boolean> {
  const ok = await verifyPassword(password, hash ?? (await (dummy ??= hashPassword(crypto.randomUUID()))));
  return ok && hash !== undefined;
}
