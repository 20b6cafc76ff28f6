import "server-only";
import { hasRole, type Role } from "@/lib/auth/roles";
import { authenticateAppKey } from "@/lib/data/app-keys";
import { getMembershipRole } from "@/lib/data/workspaces";
import { AppError, toErrorResponse } from "@/lib/api/errors";
import { readSession } from "@/lib/auth/session-token";
import { assertSameOrigin } from "@/lib/api/same-origin";

/** Who acts: a signed-in user (with the session they act in, when they act through one) or an App API key. */
export type Actor = { kind: "user"; userId: string; sessionId?: string } | { kind: "app_key"; keyId: string };

export type WorkspaceContext<P> = {
  req: Request;
  params: P;
  workspaceId: string;
  role: Role;
  actor: Actor;
};

type RouteContext<P> = { params: Promise<P> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "Use `Authorization: Bearer <App API key>`");
  return match[1]!;
}

/** Who is calling and with which role in `workspaceId`. 401 when nobody is signed in; 404 for non-members. */
async function authorize(req: Request, workspaceId: string): Promise<{ actor: Actor; role: Role }> {
  const token = bearerToken(req);
  if (token) {
    const key = await authenticateAppKey(token);
    if (!key) throw new AppError("unauthorized", "This App API key is invalid or has been revoked");
    if (key.workspaceId !== workspaceId) throw new AppError("not_found", "Workspace not found");
    if (key.scope === "read" && !SAFE_METHODS.has(req.method)) {
      throw new AppError("forbidden", "This App API key is read-only; create a full-access key to make changes");
    }
    // A full-access key acts as an admin: it cannot transfer ownership or delete the workspace.
    return { actor: { kind: "app_key", keyId: key.id }, role: key.scope === "full" ? "admin" : "member" };
  }
  assertSameOrigin(req); // the session cookie rides along with forged requests; an App API key does not
  const session = await readSession(req.headers);
  if (!session) throw new AppError("unauthorized", "Sign in, or send an App API key as `Authorization: Bearer`");
  const role = await getMembershipRole(workspaceId, session.userId);
  if (!role) throw new AppError("not_found", "Workspace not found");
  return { actor: { kind: "user", ...session }, role };
}

/** Whether the request's session or App API key still grants access to the workspace (long-lived streams
 *  re-check with this): the same checks as every request. */
export async function isStillAuthorized(req: Request, workspaceId: string): Promise<boolean> {
  return authorize(req, workspaceId).then(
    () => true,
    (err) => {
      if (err instanceof AppError) return false;
      throw err;
    },
  );
}

/** The user behind the call, or null for an App API key. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

/**
 * Wraps every management API handler under /api/workspaces/[workspaceId]: authenticates (session cookie or
 * App API key), checks membership (404 otherwise, so workspace ids are not probed) and the minimum role (403),
 * and maps whatever the handler throws onto the error envelope.
 */
export function withWorkspace<P extends { workspaceId: string }>(
  options: { role: Role },
  handler: (ctx: WorkspaceContext<P>) => Promise<Response>,
) {
  const wrapped = async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const params = await route.params;
      const { actor, role } = await authorize(req, params.workspaceId);
      if (!hasRole(role, options.role)) {
        throw new AppError(
          "forbidden",
          `This needs the ${options.role} role; you are ${role === "admin" ? "an" : "a"} ${role}`,
        );
      }
      return await handler({ req, params, workspaceId: params.workspaceId, role, actor });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
  // The role matrix test reads this to check every endpoint against its declared role.
  return Object.assign(wrapped, { requiredRole: options.role });
}

/** Wraps handlers that act for the signed-in user rather than inside one workspace (e.g. listing workspaces). */
export function withUser(handler: (ctx: { req: Request; userId: string }) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      if (req.headers.get("authorization")) {
        throw new AppError("forbidden", "App API keys belong to one workspace; use /api/workspaces/{id}/… with them");
      }
      assertSameOrigin(req);
      const session = await readSession(req.headers);
      if (!session) throw new AppError("unauthorized", "Sign in first");
      return await handler({ req, userId: session.userId });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/** Wraps handlers over data that belongs to no workspace but is not public (the destination catalog): any
 *  signed-in user or any valid App API key. */
export function withSignedIn<P = Record<string, never>>(
  handler: (ctx: { req: Request; params: P }) => Promise<Response>,
) {
  return async (req: Request, route?: RouteContext<P>): Promise<Response> => {
    try {
      const token = bearerToken(req);
      if (token) {
        if (!(await authenticateAppKey(token))) {
          throw new AppError("unauthorized", "This App API key is invalid or has been revoked");
        }
      } else {
        assertSameOrigin(req);
        if (!(await readSession(req.headers))) {
          throw new AppError("unauthorized", "Sign in, or send an App API key as `Authorization: Bearer`");
        }
      }
      return await handler({ req, params: ((await route?.params) ?? {}) as P });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/** Wraps public handlers (setup, health, invite links) so they share the error envelope. Their changes (creating
 *  the first owner, accepting an invite) are accepted only from Sluice's own pages. */
export function withErrors<C = unknown>(handler: (req: Request, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      assertSameOrigin(req);
      return await handler(req, ctx);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
