// A throwaway PostgreSQL database beside the one at `adminUrl` (tests, e2e servers, benchmarks): created empty,
// dropped (with its open connections) by `drop()`. Plain JavaScript so the benchmarks can use it too.
import crypto from "node:crypto";
import pg from "pg";

async function run(connectionString, sql) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createThrowawayPostgres(adminUrl, prefix = "sluice_tmp") {
  const name = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  await run(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
