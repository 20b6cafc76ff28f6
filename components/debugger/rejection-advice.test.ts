import { describe, expect, it } from "vitest";
import { rejectionAdvice } from "@/components/debugger/rejection-advice";

describe("rejectionAdvice", () => {
  it("explains how to fix each reason ingest gives", () => {
    expect(rejectionAdvice('track calls need a "userId" or an "anonymousId"')).toMatch(/who it is about/);
    expect(rejectionAdvice('track calls need a non-empty "event"')).toMatch(/event name/);
    expect(rejectionAdvice('alias calls need a "previousId" and a "userId"')).toMatch(/old id/);
    expect(rejectionAdvice('group calls need a "groupId"')).toMatch(/account or company/);
    expect(rejectionAdvice("batch[3]: the call exceeds the 32 KB per batch item limit")).toMatch(/Split large calls/);
    expect(rejectionAdvice("The body is not valid JSON")).toMatch(/JSON object/);
    expect(rejectionAdvice("batch[1]: The call is nested deeper than 64 levels")).toMatch(/at most 64 levels/);
    expect(
      rejectionAdvice("With the batch's context and integrations merged in, the call is nested deeper than 64 levels"),
    ).toMatch(/Flatten/);
    expect(rejectionAdvice('"sentAt" is out of range: use an ISO-8601 date between the years 0000 and 9999')).toMatch(
      /four-digit year/,
    );
  });

  it("says nothing rather than guessing", () => {
    expect(rejectionAdvice(null)).toBeNull();
    expect(rejectionAdvice("something new")).toBeNull();
  });
});
