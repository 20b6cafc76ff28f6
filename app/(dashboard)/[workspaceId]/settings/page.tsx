import { redirect } from "next/navigation";

export default async function SettingsHome({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  redirect(`/${workspaceId}/settings/general`);
}
