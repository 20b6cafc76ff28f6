import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

// GET/POST /api/auth/* — next-auth's sign-in, sign-out, session and CSRF endpoints
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, ctx as never, getAuthOptions());
}

export { handler as GET, handler as POST };
