"use client";
import type { ActionTestResult, CatalogAction, HttpExchange } from "@/lib/destinations/types";
import { Badge } from "@/components/ui/badge";

function Pre({ children, label }: { children: string; label: string }) {
  return (
    <pre
      aria-label={label}
      className="max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100"
    >
      {children}
    </pre>
  );
}

function prettyBody(body: string | null): string {
  if (body === null || body === "") return "(empty)";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Exchange({ exchange, n }: { exchange: HttpExchange; n: number }) {
  const { request, response } = exchange;
  const status = response?.status;
  return (
    <li className="space-y-2 rounded-md border p-3" data-testid="test-exchange">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-900">Request {n}</span>
        <code className="font-mono text-xs break-all text-slate-700">
          {request.method} {request.url}
        </code>
        <span className="text-xs text-slate-400">{Math.round(exchange.durationMs)} ms</span>
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-xs">
        {Object.entries(request.headers).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="break-all text-slate-800">{v}</dd>
          </div>
        ))}
      </dl>
      <Pre label={`Request ${n} body`}>{prettyBody(request.body)}</Pre>
      <p className="flex items-center gap-2 text-sm">
        <span className="font-medium text-slate-900">Response</span>
        {response ? (
          <Badge
            variant={status! < 300 ? "success" : status! < 500 ? "warning" : "danger"}
            data-testid="test-response-status"
          >
            {status}
          </Badge>
        ) : (
          <Badge variant="danger">no response</Badge>
        )}
        {exchange.error && <span className="text-xs text-red-700">{exchange.error}</span>}
      </p>
      {response && <Pre label={`Response ${n} body`}>{prettyBody(response.body)}</Pre>}
    </li>
  );
}

/** What a test run answered: trigger match (and why not), mapped payload or field errors, requests sent. */
export function TestResults({ result, action }: { result: ActionTestResult; action: CatalogAction }) {
  const labelOf = (field: string) => {
    const key = field.replace(/^\/?mapping[./]?/, "").split(/[./]/)[0];
    return action.fields.find((f) => f.key === key)?.label ?? field;
  };
  return (
    <div className="space-y-4" data-testid="test-results">
      <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="test-match">
        {result.matched ? (
          <Badge variant="success">Trigger matches</Badge>
        ) : (
          <Badge variant="warning">Trigger does not match</Badge>
        )}
        {!result.matched && result.reason && <span className="text-slate-700">{result.reason}</span>}
      </p>
      {result.errors && result.errors.length > 0 && (
        <ul className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="test-errors">
          {result.errors.map((e, i) => (
            <li key={i}>
              <span className="font-medium">{labelOf(e.field)}</span> <code className="text-xs">({e.field})</code>:{" "}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      {result.payload && (
        <div className="space-y-1">
          <h3 className="text-sm font-medium text-slate-900">Mapped payload</h3>
          <Pre label="Mapped payload">{JSON.stringify(result.payload, null, 2)}</Pre>
        </div>
      )}
      {result.requests && (
        <div className="space-y-2">
          <h3 className="flex items-center gap-2 text-sm font-medium text-slate-900">
            Sent
            {result.delivered !== undefined &&
              (result.delivered ? (
                <Badge variant="success">Delivered</Badge>
              ) : (
                <Badge variant="danger">Not delivered</Badge>
              ))}
          </h3>
          {result.error && (
            <p className="text-sm text-red-700" data-testid="test-send-error">
              {result.error}
            </p>
          )}
          {result.requests.length === 0 ? (
            <p className="text-sm text-slate-500">The action made no request.</p>
          ) : (
            <ol className="space-y-2">
              {result.requests.map((x, i) => (
                <Exchange key={i} exchange={x} n={i + 1} />
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}
