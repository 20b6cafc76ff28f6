/** Creates an empty PostgreSQL database `<prefix>_<random>` on the server of `adminUrl`; `drop()` removes it. */
export declare function createThrowawayPostgres(
  adminUrl: string,
  prefix?: string,
): Promise<{ url: string; drop: () => Promise<void> }>;
