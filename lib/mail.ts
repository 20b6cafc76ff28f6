import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

// Outgoing mail is optional: with SLUICE_SMTP_URL set (smtp://user:pass@host:587, or smtps:// for TLS on
// connect) Sluice emails invite links; without it, the inviter copies the link from the page.

let transport: { url: string; transporter: Transporter } | undefined;

export function isMailConfigured(): boolean {
  return Boolean(process.env.SLUICE_SMTP_URL);
}

function getTransporter(): Transporter {
  const url = process.env.SLUICE_SMTP_URL!;
  if (transport?.url !== url) {
    transport = {
      url,
      transporter: nodemailer.createTransport(url, { connectionTimeout: 10_000, socketTimeout: 20_000 }),
    };
  }
  return transport.transporter;
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  await getTransporter().sendMail({ from: process.env.SLUICE_MAIL_FROM || "Sluice <no-reply@localhost>", ...message });
}

/** Emails an invite link; returns whether it was sent (never throws: the link can still be copied). */
export async function sendInviteEmail(invite: { email: string; role: string; workspaceName: string; url: string }) {
  if (!isMailConfigured()) return { emailed: false as const };
  try {
    await sendMail({
      to: invite.email,
      subject: `You're invited to ${invite.workspaceName} on Sluice`,
      text: [
        `You have been invited to join the workspace "${invite.workspaceName}" on Sluice as ${invite.role}.`,
        "",
        `Accept the invitation: ${invite.url}`,
        "",
        "The link works for 7 days and only once.",
      ].join("\n"),
    });
    return { emailed: true as const };
  } catch (err) {
    console.error("[mail] invite email failed:", err);
    return { emailed: false as const, error: `Sending the email failed: ${err instanceof Error ? err.message : err}` };
  }
}
