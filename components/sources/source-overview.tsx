"use client";
import { useSource, useSourceInstall } from "@/lib/queries/sources";
import { getSourceDefinition } from "@/lib/sources";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock, CopyButton } from "@/components/ui/copy-button";
import { Spinner } from "@/components/ui/spinner";
import { SourceMetrics } from "@/components/metrics/source-metrics";
import { ConnectionStatus } from "./connection-status";
import { InAppSitePicker } from "./in-app-site-picker";

/** The Overview tab: connection state, the write key, and the install instructions with everything filled in. */
export function SourceOverview({ workspaceId, sourceId }: { workspaceId: string; sourceId: string }) {
  const { data: source } = useSource(workspaceId, sourceId);
  const { data: install, isPending, error } = useSourceInstall(workspaceId, sourceId);
  if (!source) return null;
  const definition = getSourceDefinition(source.type);
  return (
    <div className="space-y-6">
      <ConnectionStatus workspaceId={workspaceId} source={source} />
      <Card>
        <CardHeader
          title="Installation"
          description="Copy each block into your code. The write key identifies this source; it is not a secret, but rotate it in Settings if it is misused."
        />
        <CardBody className="space-y-6">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="font-medium text-slate-700">Write key</span>
            <code className="rounded bg-slate-100 px-2 py-1 font-mono text-slate-900" data-testid="write-key">
              {source.writeKey}
            </code>
            <CopyButton value={source.writeKey} />
          </div>
          {isPending ? (
            <Spinner label="Loading the install instructions" />
          ) : error ? (
            <p className="text-sm text-red-700">Could not load the install instructions: {error.message}</p>
          ) : (
            <>
              {definition?.supportsInApp && <InAppSitePicker workspaceId={workspaceId} install={install} />}
              {install.snippets.map((snippet, i) => (
                <section key={i} className="space-y-2" data-testid="snippet">
                  <h3 className="text-sm font-semibold text-slate-900">{snippet.title}</h3>
                  {snippet.description && <p className="text-sm text-slate-500">{snippet.description}</p>}
                  <CodeBlock code={snippet.code} language={snippet.language} />
                </section>
              ))}
            </>
          )}
        </CardBody>
      </Card>
      <SourceMetrics workspaceId={workspaceId} sourceId={sourceId} />
    </div>
  );
}
