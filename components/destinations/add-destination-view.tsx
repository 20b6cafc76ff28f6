"use client";
import { useState } from "react";
import Link from "next/link";
import type { CatalogDestinationSummary } from "@/lib/destinations/types";
import { useCatalogDestination, useCreateDestination, type Destination } from "@/lib/queries/destinations";
import { useSources } from "@/lib/queries/sources";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { PageHeader } from "@/components/shell/page-header";
import { DestinationCatalog } from "@/components/catalog/destination-catalog";
import { DestinationLogo } from "@/components/catalog/destination-logo";
import { AddStepsIndicator, type AddStep } from "./add-steps";
import { SettingsForm } from "./settings-form";
import { SourcePicker } from "./source-picker";
import { EnableStep } from "./enable-step";

const descriptions: Record<AddStep, string> = {
  choose: "Pick where your data should go. Search by name or by what it does, e.g. “email”, “ads” or “warehouse”.",
  sources: "Optionally pick the sources whose events it receives. You can change this at any time.",
  settings: "Its credentials and options. Saving creates it disabled, so nothing is sent before you enable it.",
  enable: "It is saved and disabled. Check the connection, then enable it to start delivering.",
};

/** Add a destination: choose → sources (optional) → settings (creates it disabled) → test and enable. */
export function AddDestinationView({ workspaceId }: { workspaceId: string }) {
  const [step, setStep] = useState<AddStep>("choose");
  const [picked, setPicked] = useState<CatalogDestinationSummary | null>(null);
  const [sourceIds, setSourceIds] = useState<string[]>([]);
  const [created, setCreated] = useState<Destination | null>(null);
  const title = picked ? `Add ${picked.name}` : "Add a destination";

  return (
    <>
      <PageHeader
        title={title}
        description={descriptions[step]}
        actions={
          step !== "enable" && (
            <Link
              href={`/${workspaceId}/destinations`}
              className="shrink-0 text-sm text-slate-500 hover:text-slate-900"
            >
              Cancel
            </Link>
          )
        }
      />
      <AddStepsIndicator current={step} />
      {step === "choose" || !picked ? (
        <DestinationCatalog
          onPick={(entry) => {
            setPicked(entry);
            setStep("sources");
          }}
        />
      ) : (
        <div className="max-w-2xl">
          <Card>
            <div className="flex items-center gap-3 border-b px-5 py-4">
              <DestinationLogo name={picked.name} logo={picked.logo} className="size-10" />
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{picked.name}</p>
                <p className="line-clamp-2 text-sm text-slate-500">
                  {picked.description ||
                    `${picked.category} · ${picked.actionCount === 1 ? "1 action" : `${picked.actionCount} actions`}`}
                </p>
              </div>
            </div>
            {step === "sources" && (
              <SourcesStep
                workspaceId={workspaceId}
                destinationSlug={picked.slug}
                selected={sourceIds}
                onChange={setSourceIds}
                onBack={() => setStep("choose")}
                onNext={() => setStep("settings")}
              />
            )}
            {step === "settings" && (
              <SettingsStep
                workspaceId={workspaceId}
                entry={picked}
                sourceIds={sourceIds}
                onBack={() => setStep("sources")}
                onCreated={(destination) => {
                  setCreated(destination);
                  setStep("enable");
                }}
              />
            )}
            {step === "enable" && created && <EnableStep workspaceId={workspaceId} destination={created} />}
          </Card>
        </div>
      )}
    </>
  );
}

function SourcesStep(props: {
  workspaceId: string;
  destinationSlug: string;
  selected: string[];
  onChange: (ids: string[]) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { data: sources, isPending, error } = useSources(props.workspaceId);
  return (
    <>
      <CardHeader
        className="border-b-0 pb-0"
        title="Connect sources"
        description="Their events flow to this destination once it is enabled."
      />
      <CardBody className="space-y-4">
        {isPending ? (
          <Spinner label="Loading sources" />
        ) : error ? (
          <p className="text-sm text-red-700">Could not load the sources: {error.message}</p>
        ) : (
          <SourcePicker
            workspaceId={props.workspaceId}
            destinationSlug={props.destinationSlug}
            sources={sources}
            selected={props.selected}
            onChange={props.onChange}
          />
        )}
        <div className="flex flex-wrap justify-between gap-2">
          <Button variant="ghost" onClick={props.onBack}>
            ← Choose another
          </Button>
          <Button onClick={props.onNext}>
            {props.selected.length ? `Continue with ${props.selected.length} connected` : "Continue without sources"}
          </Button>
        </div>
      </CardBody>
    </>
  );
}

function SettingsStep(props: {
  workspaceId: string;
  entry: CatalogDestinationSummary;
  sourceIds: string[];
  onBack: () => void;
  onCreated: (destination: Destination) => void;
}) {
  const { data: definition, isPending, error } = useCatalogDestination(props.entry.slug);
  const create = useCreateDestination(props.workspaceId);
  const { toast } = useToast();
  return (
    <>
      <CardHeader className="border-b-0 pb-0" title="Settings" />
      <CardBody>
        {isPending ? (
          <Spinner label="Loading its settings" />
        ) : error ? (
          <p className="text-sm text-red-700">Could not load its settings: {error.message}</p>
        ) : (
          <SettingsForm
            fields={definition.settings}
            name={definition.name}
            submitLabel="Save"
            failure="Could not save the destination"
            secondaryAction={
              <Button variant="ghost" onClick={props.onBack}>
                ← Sources
              </Button>
            }
            onSubmit={async ({ name, settings }) => {
              const destination = await create.mutateAsync({
                slug: definition.slug,
                name,
                settings,
                sourceIds: props.sourceIds,
                enabled: false,
              });
              toast({
                title: "Destination saved",
                description: "It is disabled until you enable it.",
                variant: "success",
              });
              props.onCreated(destination);
            }}
          />
        )}
      </CardBody>
    </>
  );
}
