export type DbFlavour = "postgresql" | "sqlite";

/** The filters the events API and stream share (all optional, all combined with AND). */
export interface EventSqlFilter {
  sourceId?: string;
  type?: string;
  event?: string;
  userId?: string;
  anonymousId?: string;
  /** "any" with a userId: userId = it OR anonymousId among `anonymousId` and `anonymousIds`. */
  identity?: string;
  anonymousIds?: string[];
  status?: string;
  q?: string;
  from?: string;
  to?: string;
}

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

export declare const SCAN_WINDOW: number;
export declare function needsScanWindow(filter: EventSqlFilter): boolean;

export declare function buildScanFloorQuery(
  kind: DbFlavour,
  workspaceId: string,
  page: { before?: string; window: number },
): SqlStatement;

export declare function buildEventPageQuery(
  kind: DbFlavour,
  workspaceId: string,
  filter: EventSqlFilter,
  page: { before?: string; floor?: string; limit: number },
): SqlStatement;

export declare function buildEventBacklogQuery(
  kind: DbFlavour,
  workspaceId: string,
  filter: EventSqlFilter,
  page: { after: string; upTo?: string; limit: number },
): SqlStatement;

export declare function queryEventPage<Row extends { id: unknown }>(
  kind: DbFlavour,
  workspaceId: string,
  filter: EventSqlFilter,
  page: { before?: string; limit: number; window?: number },
  run: (sql: string, params: unknown[]) => Promise<Row[]> | Row[],
): Promise<{ rows: Row[]; nextCursor: string | null }>;
