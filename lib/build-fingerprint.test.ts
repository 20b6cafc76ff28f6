import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { recordBuildFingerprint, staleBuildReason } from "./build-fingerprint.cjs";

let root: string;
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function project(files: Record<string, string>) {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-fingerprint-"));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

describe("npm start's build check", () => {
  it("builds when there is no build, and again only when the code changed since", () => {
    project({ "package.json": "{}", "app/page.tsx": "v1", "lib/a.ts": "a", "lib/a.test.ts": "t" });
    expect(staleBuildReason(root)).toBe("no production build yet");
    fs.mkdirSync(path.join(root, ".next"));
    fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
    expect(staleBuildReason(root)).toBeNull(); // built by plain `next build`: taken as current
    recordBuildFingerprint(root);
    expect(staleBuildReason(root)).toBeNull();

    fs.writeFileSync(path.join(root, "lib", "a.test.ts"), "a test is not part of the build");
    expect(staleBuildReason(root)).toBeNull();
    fs.writeFileSync(path.join(root, "app", "page.tsx"), "v2");
    expect(staleBuildReason(root)).toBe("the code changed since the last build");
    recordBuildFingerprint(root);
    fs.writeFileSync(path.join(root, "lib", "b.ts"), "b"); // a new file counts too
    expect(staleBuildReason(root)).toBe("the code changed since the last build");
  });
});
