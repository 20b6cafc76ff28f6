import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "@/lib/env";
import { verifyPasswordOrDummy } from "@/lib/auth/password";
import { clientAddress, finishLoginAttempt, startLoginAttempt } from "@/lib/auth/login-throttle";
import { findUserForSignIn } from "@/lib/data/users";
import { createUserSession, revokeUserSession, SESSION_MAX_AGE_SECONDS } from "@/lib/data/sessions";
import { signInSchema } from "@/lib/schemas/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";

// Messages the sign-in form shows as they are (next-auth passes a thrown Error's message through).
export const SIGN_IN_ERRORS = {
  invalid: "Wrong email or password.",
  throttled: "Too many failed sign-in attempts. Try again in a few minutes.",
} as const;

/** The message for an attempt that must wait: the per-email delay is short and says so. */
function throttledMessage(waitMs: number, reason: "client" | "email" | null): string {
  if (reason !== "email") return SIGN_IN_ERRORS.throttled;
  const seconds = Math.ceil(waitMs / 1000);
  return `Too many failed sign-in attempts for this account. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}

// next-auth builds its redirect URLs from NEXTAUTH_URL, else http://localhost:3000 — wrong for any other host or
// port. Sluice uses SLUICE_PUBLIC_URL when set, and otherwise the request's own host (as `npm start` users expect).
if (!process.env.NEXTAUTH_URL) {
  if (process.env.SLUICE_PUBLIC_URL) process.env.NEXTAUTH_URL = process.env.SLUICE_PUBLIC_URL;
  else process.env.AUTH_TRUST_HOST ??= "true";
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getAuthSecret(),
    // The credentials provider requires JWT sessions; the token carries the user id (`sub`) and the id of its
    // server-side session row (`sid`, checked on every request — see lib/auth/session-token.ts).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
          const { email, password } = parsed.data;
          const client = clientAddress(req?.headers);
          const wait = await startLoginAttempt(email, client);
          if (wait.waitMs > 0) throw new Error(throttledMessage(wait.waitMs, wait.reason));
          const user = await findUserForSignIn(email);
          const isValid = (await verifyPasswordOrDummy(password, user?.passwordHash)) && !!user;
          await finishLoginAttempt(email, client, isValid);
          if (!isValid) throw new Error(SIGN_IN_ERRORS.invalid);
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      // Where next-auth sends the browser after signing in or out: only paths on Sluice, as the login page.
      async redirect({ url, baseUrl }) {
        return `${baseUrl.replace(/\/+$/, "")}${safeCallbackPath(url, baseUrl)}`;
      },
      async jwt({ token, user }) {
        if (user) token.sid = await createUserSession(user.id); // at sign-in only
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeUserSession(token.sid);
      },
    },
  };
}
