import { inject } from "vitest";

// Every test file talks to the project's throwaway database; lib/db reads DATABASE_URL on first use.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production";
