import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/shell/page-header";

// What each section will hold and what to do first, shown until the section has content.
const sections = {
  destinations: {
    title: "Destinations",
    description: "Where your data goes: the built-in people store, webhooks, and hundreds of SaaS tools.",
    emptyTitle: "No destinations yet",
    emptyText:
      "A destination receives the calls of the sources you connect to it, through actions: a trigger that says when to send and a mapping that says what to send. Add a source first so there is data to deliver.",
    next: { label: "Go to Sources", slug: "sources" },
  },
  debugger: {
    title: "Debugger",
    description: "Every call your sources receive, live, with what Sluice stored and why it rejected a call.",
    emptyTitle: "No events yet",
    emptyText:
      "Calls appear here within a second of arriving, including the ones Sluice rejected and the reason. Add a source and send a first event to see it.",
    next: { label: "Go to Sources", slug: "sources" },
  },
  people: {
    title: "People",
    description: "The profiles, events, devices and objects built from your identify, track and group calls.",
    emptyTitle: "No people yet",
    emptyText:
      "People appear when a source sends identify calls and the built-in Journeys destination is connected to it. Each profile shows its attributes, its events and its devices.",
    next: { label: "Go to Destinations", slug: "destinations" },
  },
} as const;

export type Section = keyof typeof sections;

export function SectionIntro({ section, workspaceId }: { section: Section; workspaceId: string }) {
  const s = sections[section];
  return (
    <>
      <PageHeader title={s.title} description={s.description} />
      <EmptyState
        title={s.emptyTitle}
        description={s.emptyText}
        action={
          s.next && (
            <Link href={`/${workspaceId}/${s.next.slug}`} className={buttonClasses({ variant: "primary", size: "md" })}>
              {s.next.label}
            </Link>
          )
        }
      />
    </>
  );
}
