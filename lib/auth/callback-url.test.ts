import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

const origin = "http://127.0.0.1:3000";

describe("safeCallbackPath", () => {
  it("sends the open-redirect payloads home", () => {
    for (const raw of [
      "/\\localhost:3950/pwned",
      "/\t/localhost:3950/pwned",
      "//localhost:3950/pwned",
      "\\\\localhost:3950",
      "/\\/localhost:3950",
      " //localhost:3950",
      "http://localhost:3950/pwned",
      "https:localhost:3950",
      "javascript:alert(1)",
      "data:text/html,x",
    ]) {
      const path = safeCallbackPath(raw, origin);
      expect(new URL(path, origin).origin, JSON.stringify(raw)).toBe(origin);
      expect(path, JSON.stringify(raw)).toBe("/");
    }
    expect(safeCallbackPath("http://127.0.0.1:3000//localhost:3950/x", origin)).toBe("/localhost:3950/x");
  });

  it("keeps paths on Sluice, with their query and hash", () => {
    expect(safeCallbackPath("/ws_1/debugger?event=x#top", origin)).toBe("/ws_1/debugger?event=x#top");
    expect(safeCallbackPath("http://127.0.0.1:3000/ws_1/sources", origin)).toBe("/ws_1/sources");
    expect(safeCallbackPath(undefined, origin)).toBe("/");
  });
});
