// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The event log, the database drivers and Segment's packages are Node-only; keep them out of the bundle.
  // ssh2 (used by Segment's SFTP destination) ships a native addon Turbopack cannot place in a chunk. Segment's own
  // packages must stay bundled (their ESM build is not loadable by Node).
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "ssh2"],
};

module.exports = nextConfig;
