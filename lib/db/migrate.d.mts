export declare const DEFAULT_DATABASE_URL: string;
export declare function isPostgresUrl(url: string): boolean;
export declare function sqlitePath(url: string): string;
export declare function migrate(url?: string): Promise<string[]>;
