import { describe, expect, it } from "vitest";

import { parseInstant, sameInstant, toIsoUtc } from "../../provider/runtime/times";

describe("parseInstant", () => {
  it("reads a UTC date-time and one with an offset as the same instant", () => {
    expect(parseInstant("2026-12-24T09:00:00Z")).toBe(Date.UTC(2026, 11, 24, 9));
    expect(parseInstant("2026-12-24T10:00:00+01:00")).toBe(Date.UTC(2026, 11, 24, 9));
  });

  it("accepts missing seconds and up to seven fractional digits, as the service answers", () => {
    expect(parseInstant("2026-12-24T09:00Z")).toBe(Date.UTC(2026, 11, 24, 9));
    expect(parseInstant("2026-12-24T09:00:00.1234567Z")).toBe(Date.UTC(2026, 11, 24, 9, 0, 0, 123));
  });

  it("refuses texts without a zone, dates alone, and calendar impossibilities", () => {
    for (const text of [
      "2026-12-24T09:00:00",
      "2026-12-24",
      "2026-02-30T00:00:00Z",
      "2026-12-24T24:00:00Z",
      "2026-13-01T00:00:00Z",
      "24/12/2026 09:00",
      "tomorrow",
    ]) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });
});

describe("sameInstant", () => {
  it("compares the moments two texts name, not their spelling", () => {
    expect(sameInstant("2026-12-24T10:00:00+01:00", "2026-12-24T09:00:00.000Z")).toBe(true);
    expect(sameInstant("2026-12-24T10:00:00Z", "2026-12-24T09:00:00Z")).toBe(false);
  });
});

describe("toIsoUtc", () => {
  it("spells an instant in UTC with milliseconds", () => {
    expect(toIsoUtc(Date.UTC(2026, 11, 24, 9))).toBe("2026-12-24T09:00:00.000Z");
  });
});
