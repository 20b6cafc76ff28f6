import { describe, expect, it } from "vitest";
import { getAuthOptions } from "@/lib/auth/options";

describe("next-auth's redirect callback", () => {
  const redirect = (url: string) =>
    getAuthOptions().callbacks!.redirect!({ url, baseUrl: "http://127.0.0.1:3000" }) as Promise<string>;

  it("keeps the browser on Sluice", async () => {
    expect(await redirect("/%5Clocalhost:3950/pwned")).toBe("http://127.0.0.1:3000/%5Clocalhost:3950/pwned");
    for (const url of ["/\\localhost:3950/pwned", "/\t/localhost:3950/pwned", "http://localhost:3950/"]) {
      expect(new URL(await redirect(url)).host, url).toBe("127.0.0.1:3000");
    }
    expect(await redirect("http://127.0.0.1:3000/ws/debugger?x=1")).toBe("http://127.0.0.1:3000/ws/debugger?x=1");
  });
});
