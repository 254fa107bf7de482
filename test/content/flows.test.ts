import { describe, expect, it } from "vitest";
import { findFlow, flowHref, flowIds, flows } from "@/content/flows";
import { FLOW_IDS, FLOWS } from "@/machines/flows";

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

  it("name only flows the engine has (FLOW_IDS), and every one of them", () => {
    for (const f of flows) expect(FLOW_IDS).toContain(f.id);
    expect(new Set(flows.map((f) => f.id))).toEqual(new Set(FLOW_IDS));
    expect(flowIds).toEqual(FLOW_IDS);
  });

  it("mark as deprecated exactly the flows the engine marks deprecated", () => {
    for (const f of flows) expect(f.oauth21 === "deprecated").toBe(FLOWS[f.id].deprecated);
  });

  it("link each card to its simulator page", () => {
    for (const f of flows) expect(flowHref(f.id)).toBe(`/flows/${f.id}`);
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
