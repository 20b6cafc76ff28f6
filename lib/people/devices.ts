import "server-only";
import { inTransaction, type Outcome, type PeopleContext } from "./context";
import { PeopleError } from "./errors";
import { ensurePerson, findPerson, isSuppressed } from "./persons";
import type { Identifiers } from "./identifiers";

// A person's devices (push tokens). A token is unique in a workspace: adding it for another person moves it.

export type DeviceInput = {
  token: string;
  platform?: string | null;
  lastUsed?: Date | null;
  attributes?: Record<string, unknown>;
};

const PLATFORMS = new Set(["ios", "android", "web"]);

export async function addDevice(
  workspaceId: string,
  ids: Identifiers,
  device: DeviceInput,
  ctx: PeopleContext = {},
): Promise<Outcome> {
  const now = ctx.now ?? new Date();
  if (!device.token)
    throw new PeopleError("invalid", "A device needs a token (device.id or device.token)", "device.token");
  const platform = (device.platform ?? "").toLowerCase();
  if (platform && !PLATFORMS.has(platform)) {
    throw new PeopleError(
      "invalid",
      `The device platform must be ios, android or web, not "${device.platform}"`,
      "device.platform",
    );
  }
  return inTransaction(async (tx) => {
    if (await isSuppressed(tx, workspaceId, ids)) return { ok: true, ignored: "suppressed" };
    const person = await ensurePerson(tx, workspaceId, ids, now);
    const attributes = JSON.stringify(device.attributes ?? {});
    await tx.device.upsert({
      where: { workspaceId_token: { workspaceId, token: device.token } },
      create: {
        workspaceId,
        personId: person.id,
        token: device.token,
        platform: platform || "ios",
        attributes,
        lastUsedAt: device.lastUsed ?? now,
      },
      update: { personId: person.id, ...(platform && { platform }), attributes, lastUsedAt: device.lastUsed ?? now },
      select: { id: true },
    });
    return { ok: true };
  });
}

export async function deleteDevice(workspaceId: string, ids: Identifiers, token: string): Promise<Outcome> {
  if (!token) throw new PeopleError("invalid", "Which device? Send its token", "device.token");
  return inTransaction(async (tx) => {
    const person = await findPerson(tx, workspaceId, ids);
    if (!person) return { ok: true, ignored: "not_found" };
    const gone = await tx.device.deleteMany({ where: { workspaceId, personId: person.id, token } });
    return gone.count ? { ok: true } : { ok: true, ignored: "not_found" };
  });
}
