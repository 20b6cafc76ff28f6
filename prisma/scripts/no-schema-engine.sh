#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on these machines.
# `prisma generate` never calls it; migrations are made by prisma/scripts/new-migration.mjs
# (Prisma's wasm engine) and applied by lib/db/migrate.mjs at start.
echo "schema-engine is not available offline: use npm run db:migration -- <name>" >&2
exit 1
