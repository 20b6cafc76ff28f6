import { describe, expect, test } from "vitest";
import { listCatalogDestinations } from "./catalog";
import { decryptDefinitionSettings, definitionNames, definitionSecretKeys } from "./definition-secrets";
import { encryptSettings, secretFieldKeys } from "./settings";
import { getCatalogDestination } from "./catalog";

describe("a destination type's secrets from its definition", () => {
  test("are the catalog's secret settings for every catalogued type, and its names the catalog's", () => {
    const slugs = listCatalogDestinations().map((d) => d.slug);
    expect(slugs.length).toBeGreaterThan(150);
    for (const slug of slugs) {
      expect([slug, ...definitionSecretKeys(slug)]).toEqual([slug, ...secretFieldKeys(slug)]);
      const entry = getCatalogDestination(slug)!;
      expect([slug, ...definitionNames(slug)]).toEqual([slug, entry.name, entry.segmentName]);
    }
  }, 60_000);

  test("decrypt what settings.ts encrypted", () => {
    process.env.NEXTAUTH_SECRET ??= "test-secret";
    const plain = { apiKey: "k-123456", siteId: "site-1", accountRegion: "US" };
    const stored = encryptSettings("customerio", plain);
    expect(stored.apiKey).not.toBe("k-123456");
    expect(decryptDefinitionSettings("customerio", stored)).toEqual(plain);
  });
});
