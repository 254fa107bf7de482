import { describe, expect, it } from "vitest";
import { findFlow, flowIds, flows } from "@/content/flows";

describe("flow summaries", () => {
  it("describe each of the seven flow ids exactly once, in order", () => {
    expect(flows.map((f) => f.id)).toEqual([...flowIds]);
    expect(flowIds).toEqual([
      "authorization-code",
      "authorization-code-pkce",
      "client-credentials",
      "refresh-token",
      "device-code",
      "implicit",
      "password",
    ]);
  });

  it("mark exactly implicit and password as deprecated by OAuth 2.1", () => {
    expect(flows.filter((f) => f.oauth21 === "deprecated").map((f) => f.id)).toEqual(["implicit", "password"]);
  });

  it("each have a name, a one-line summary, an audience and a spec reference", () => {
    for (const f of flows) {
      expect(f.name.trim()).not.toBe("");
      expect(f.summary).not.toMatch(/\n/);
      expect(f.audience.trim()).not.toBe("");
      expect(f.spec).toMatch(/^RFC \d+/);
    }
  });

  it("answer an unknown id with undefined rather than throwing", () => {
    expect(findFlow("no-such-flow")).toBeUndefined();
    expect(findFlow("")).toBeUndefined();
    expect(findFlow("implicit")?.name).toBe("Implicit");
  });
});
