import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import * as invites from "@/app/api/workspaces/[workspaceId]/invites/route";
import { callRoute, seedMember, uniqueEmail } from "@/lib/testing/fixtures";

// A real SMTP server on loopback receives what Sluice sends when SLUICE_SMTP_URL is set.
const received: { to: string[]; body: string }[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  delete process.env.SLUICE_SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function invite(email: string) {
  const owner = await seedMember("owner");
  return callRoute(invites.POST, {
    method: "POST",
    url: "/api/workspaces/x/invites",
    cookie: owner.cookie,
    params: { workspaceId: owner.workspace.id },
    body: { email, role: "member" },
  });
}

describe("invite emails", () => {
  it("are not sent without SLUICE_SMTP_URL; the link is answered for copying", async () => {
    delete process.env.SLUICE_SMTP_URL;
    const res = await invite(uniqueEmail("nomail"));
    expect(res.status).toBe(201);
    expect(res.body.email).toEqual({ emailed: false });
    expect(res.body.url).toMatch(/\/invite\/[\w-]+$/);
  });

  it("are sent over SMTP with the invite link when configured", async () => {
    process.env.SLUICE_SMTP_URL = `smtp://127.0.0.1:${port}`;
    const to = uniqueEmail("mailed");
    const res = await invite(to);
    expect(res.status).toBe(201);
    expect(res.body.email).toEqual({ emailed: true });
    const mail = received.find((m) => m.to.includes(to));
    expect(mail?.body).toContain("Subject: You're invited to Test workspace on Sluice");
    expect(mail?.body.replace(/=\r?\n/g, "")).toContain(res.body.url);
  });

  it("still create the invite when the mail server is down, and say why it was not emailed", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.SLUICE_SMTP_URL = `smtp://127.0.0.1:${deadPort}`;
    const res = await invite(uniqueEmail("down"));
    expect(res.status).toBe(201);
    expect(res.body.email.emailed).toBe(false);
    expect(res.body.email.error).toMatch(/Sending the email failed/);
  });
});
