import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, maskSecret } from "@/lib/crypto";

describe("secrets at rest", () => {
  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("a1b2c3d4e5f6");
    expect(stored).not.toContain("a1b2c3d4e5f6");
    expect(stored).not.toBe(encryptSecret("a1b2c3d4e5f6")); // random IV
    expect(decryptSecret(stored)).toBe("a1b2c3d4e5f6");
  });

  it("refuses tampered ciphertext", () => {
    const [v, iv, tag, data] = encryptSecret("secret").split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
  });

  it("masks all but the last four characters", () => {
    expect(maskSecret("abcdef123456")).toBe("••••••••3456");
  });
});
