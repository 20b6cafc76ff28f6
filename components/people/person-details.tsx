import Link from "next/link";
import { formatDate } from "@/lib/format";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TableHeader, TBody, TD, TR, type Column } from "@/components/ui/table";
import type { PersonDto } from "@/lib/schemas/people";
import { formatValue } from "./format-value";

const ATTRIBUTE_COLUMNS = {
  name: { label: "Name", isTitle: true },
  value: { label: "Value" },
  changedAt: { label: "Last changed" },
} satisfies Record<string, Column>;

function Row({ label, value }: { label: string; value: string | null }) {
  return (
    <div className="flex gap-3 px-4 py-2 text-sm">
      <dt className="w-28 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 font-mono break-all text-slate-900">{value ?? "—"}</dd>
    </div>
  );
}

export function PersonIdentifiers({ person }: { person: PersonDto }) {
  return (
    <Card>
      <CardHeader title="Identifiers" />
      <dl className="divide-y divide-slate-100">
        <Row label="id" value={person.externalId} />
        <Row label="email" value={person.email} />
        <Row label="cio_id" value={person.cioId} />
        {person.anonymousIds.length > 0 && <Row label="anonymous ids" value={person.anonymousIds.join(", ")} />}
        <Row label="created" value={formatDate(person.createdAt)} />
      </dl>
    </Card>
  );
}

export function PersonAttributes({ person }: { person: PersonDto }) {
  return (
    <Card>
      <CardHeader
        title="Attributes"
        description="Added or updated by identify; an explicit null or empty value removes one."
      />
      {person.attributeList.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">No attributes yet: identify calls with traits add them.</p>
      ) : (
        <Table isStacked>
          <TableHeader columns={ATTRIBUTE_COLUMNS} />
          <TBody>
            {person.attributeList.map((a) => (
              <TR key={a.name} data-testid="attribute-row">
                <TD column={ATTRIBUTE_COLUMNS.name} className="font-mono text-slate-700">
                  {a.name}
                </TD>
                <TD
                  column={ATTRIBUTE_COLUMNS.value}
                  className="max-w-72 truncate text-slate-900"
                  title={formatValue(a.value)}
                >
                  {formatValue(a.value)}
                </TD>
                <TD column={ATTRIBUTE_COLUMNS.changedAt} className="text-slate-500">
                  {a.changedAt ? formatDate(a.changedAt) : "—"}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

export function PersonDevices({ person }: { person: PersonDto }) {
  return (
    <Card>
      <CardHeader title="Devices" />
      {person.devices.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">No devices: mobile apps add one with “Device Created or Updated”.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {person.devices.map((d) => (
            <DeviceItem key={d.token} device={d} />
          ))}
        </ul>
      )}
    </Card>
  );
}

/** A device: its token and platform, the app version it last reported and its other attributes. */
function DeviceItem({ device }: { device: PersonDto["devices"][number] }) {
  const { app_version: appVersion, ...attributes } = device.attributes;
  return (
    <li className="px-4 py-2 text-sm" data-testid="device">
      <span className="font-mono break-all text-slate-900">{device.token}</span>
      <span className="ml-2 text-slate-500">
        {device.platform}
        {appVersion !== undefined && ` · app ${formatValue(appVersion)}`}
        {device.lastUsedAt && ` · last used ${formatDate(device.lastUsedAt)}`}
      </span>
      {Object.keys(attributes).length > 0 && (
        <dl className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
          {Object.entries(attributes).map(([name, value]) => (
            <div key={name} className="flex min-w-0 gap-1">
              <dt>{name}:</dt>
              <dd className="break-all text-slate-700">{formatValue(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

export function PersonRelationships({ person, workspaceId }: { person: PersonDto; workspaceId: string }) {
  return (
    <Card>
      <CardHeader title="Relationships" />
      {person.relationships.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">
          No objects: group calls relate people to companies, accounts and the like.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {person.relationships.map((r) => (
            <li key={`${r.objectTypeId}/${r.objectId}`} className="px-4 py-2 text-sm">
              <Link
                href={`/${workspaceId}/objects/${r.objectTypeId}/${encodeURIComponent(r.objectId)}`}
                className="font-medium text-slate-900 hover:text-indigo-600"
              >
                {formatValue(r.objectAttributes.name ?? r.objectId)}
              </Link>
              <span className="ml-2 text-slate-500">{r.objectTypeName}</span>
              {Object.keys(r.attributes).length > 0 && (
                <p className="mt-0.5 text-xs text-slate-500">
                  {Object.entries(r.attributes)
                    .map(([k, v]) => `${k}: ${formatValue(v)}`)
                    .join(" · ")}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
