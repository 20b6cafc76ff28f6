import { describe, expect, it } from "vitest";
import type { CatalogDestinationSummary } from "@/lib/destinations/types";
import { filterCatalog, listCategories } from "./catalog-filter";

const entry = (e: Partial<CatalogDestinationSummary> & Pick<CatalogDestinationSummary, "slug" | "name">) =>
  ({
    description: "",
    category: "Other",
    keywords: [],
    logo: null,
    builtin: false,
    actionCount: 1,
    ...e,
  }) as CatalogDestinationSummary;

const catalog = [
  entry({ slug: "webhook", name: "Webhook", category: "Raw Data", keywords: ["Send", "HTTP"] }),
  entry({ slug: "sendgrid", name: "SendGrid Marketing Campaigns", category: "Email", keywords: ["Upsert contact"] }),
  entry({ slug: "braze", name: "Braze", category: "Email", description: "Send push and email campaigns" }),
  entry({ slug: "journeys", name: "Journeys", category: "Raw Data", builtin: true }),
];

describe("catalog browsing", () => {
  it("lists the categories with their counts, in order", () => {
    expect(listCategories(catalog)).toEqual([
      { id: "Email", label: "Email", count: 2 },
      { id: "Raw Data", label: "Raw Data", count: 2 },
    ]);
  });

  it("filters by category, built-ins first then by name", () => {
    expect(filterCatalog(catalog, "Raw Data", "").map((e) => e.slug)).toEqual(["journeys", "webhook"]);
    expect(filterCatalog(catalog, "all", "").map((e) => e.slug)).toEqual(["journeys", "braze", "sendgrid", "webhook"]);
  });

  it("searches the name and what a destination does, every word matching, name matches first", () => {
    expect(filterCatalog(catalog, "all", "email").map((e) => e.slug)).toEqual(["braze", "sendgrid"]);
    expect(filterCatalog(catalog, "all", "upsert  CONTACT").map((e) => e.slug)).toEqual(["sendgrid"]);
    expect(filterCatalog(catalog, "all", "http").map((e) => e.slug)).toEqual(["webhook"]);
    expect(filterCatalog(catalog, "all", "send").map((e) => e.slug)).toEqual(["sendgrid", "braze", "webhook"]);
    expect(filterCatalog(catalog, "Email", "http")).toEqual([]);
  });
});
