// The event a mapping is tried on when it is saved (and the default of "Test" without a recent event): a
// track call that has the common paths a mapping reads, so a path into it resolves the way it would live.
export function sampleEvent(): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    type: "track",
    event: "Order Completed",
    messageId: "sample-message-id",
    userId: "user-1",
    anonymousId: "anon-1",
    timestamp: now,
    sentAt: now,
    receivedAt: now,
    properties: {
      order_id: "order-1",
      total: 42.5,
      revenue: 42.5,
      currency: "USD",
      products: [{ product_id: "p1", sku: "SKU-1", name: "Mug", price: 12.5, quantity: 2 }],
      email: "jane@example.com",
      url: "https://example.com/checkout",
    },
    traits: { email: "jane@example.com", name: "Jane Doe", first_name: "Jane", last_name: "Doe" },
    context: {
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0",
      locale: "en-US",
      timezone: "Europe/Paris",
      page: { path: "/checkout", url: "https://example.com/checkout", title: "Checkout", referrer: "", search: "" },
      traits: { email: "jane@example.com", name: "Jane Doe" },
      library: { name: "analytics.js", version: "1.0.0" },
    },
    integrations: {},
  };
}
