/** Short links (/s?f=…): what the room reads off the screen expands to the flow page's full address. */
import { describe, expect, it } from "vitest";
import { parseFlowUrl } from "@/machines/flow-url";
import { FLOW_IDS, FLOWS } from "@/machines/flows";
import { expandShortLink, SHORT_FLOW_NAMES, shortCompareLink, shortLink, type ScenarioTable } from "@/machines/short-link";

const SCENARIOS: ScenarioTable = Object.fromEntries(FLOW_IDS.map((id) => [id, FLOWS[id].scenarios.map((scenario) => scenario.id)]));

function expandedLocation(link: string) {
  const expanded = expandShortLink(new URL(link, "https://example.test").search, SCENARIOS);
  if (!expanded.ok) throw new Error(`did not expand: ${expanded.reason}`);
  const url = new URL(expanded.href, "https://example.test");
  const flow = FLOWS[expanded.flow];
  return { path: url.pathname, parsed: parseFlowUrl(url.search, { scenarios: flow.scenarios, grantable: false }) };
}

describe("short links", () => {
  it("gives every flow its own short name", () => {
    expect(new Set(Object.values(SHORT_FLOW_NAMES)).size).toBe(FLOW_IDS.length);
  });

  it("round-trips every scenario of every flow, with its step and seed, to the flow page's address", () => {
    for (const id of FLOW_IDS) {
      FLOWS[id].scenarios.forEach((scenario, scenarioIndex) => {
        const { path, parsed } = expandedLocation(shortLink({ flow: id, scenarioIndex, step: 3, seed: "class-42" }));
        expect(path).toBe(`/flows/${id}`);
        expect(parsed.notices).toEqual([]);
        expect(parsed.location).toEqual({ scenario: scenario.id, step: 3, seed: "class-42" });
      });
    }
  });

  it("is short: the default scenario, step 1 and the default seed are left out", () => {
    expect(shortLink({ flow: "authorization-code-pkce", scenarioIndex: 0, step: 1, seed: "demo" })).toBe("/s?f=pkce");
    expect(shortLink({ flow: "device-code", scenarioIndex: 2, step: 5, seed: "demo" })).toBe("/s?f=device&c=2&n=5");
  });

  it("accepts a flow's full id as well as its short name", () => {
    expect(expandedLocation("/s?f=authorization-code-pkce&n=2").path).toBe("/flows/authorization-code-pkce");
  });

  it("says so when the flow is missing or unknown, without throwing", () => {
    expect(expandShortLink("", SCENARIOS)).toEqual({ ok: false, reason: "no-flow" });
    expect(expandShortLink("?f=%3Cscript%3E", SCENARIOS)).toEqual({ ok: false, reason: "unknown-flow", flow: "<script>" });
    expect(expandShortLink("?f=toString", SCENARIOS)).toMatchObject({ ok: false, reason: "unknown-flow" });
  });

  it("hands unusable values on to the flow page, which falls back and says why", () => {
    const { parsed } = expandedLocation("/s?f=pkce&c=99&n=abc&s=%20");
    expect(parsed.location).toEqual({ scenario: FLOWS["authorization-code-pkce"].scenarios[0]!.id, step: 1, seed: "demo" });
    expect(parsed.notices.map((notice) => notice.field)).toEqual(["scenario", "step", "seed"]);
  });
});

describe("short links of a comparison", () => {
  it("stands for the compare page at the same flows, moment and seed", () => {
    const link = shortCompareLink({ flows: ["authorization-code-pkce", "client-credentials", "device-code"], step: 5, seed: "class-7" });
    expect(link).toBe("/s?v=pkce,cc,device&n=5&s=class-7");
    const expanded = expandShortLink(new URL(link, "https://example.test").search, SCENARIOS);
    expect(expanded).toEqual({
      ok: true,
      flow: "authorization-code-pkce",
      flows: ["authorization-code-pkce", "client-credentials", "device-code"],
      href: "/compare?flows=authorization-code-pkce,client-credentials,device-code&seed=class-7&step=5",
    });
  });

  it("is short: the first moment and the default seed are left out", () => {
    expect(shortCompareLink({ flows: ["authorization-code", "implicit"], step: 1, seed: "demo" })).toBe("/s?v=code,implicit");
    expect(expandShortLink("?v=code,implicit", SCENARIOS)).toMatchObject({ ok: true, href: "/compare?flows=authorization-code,implicit&seed=demo&step=1" });
  });

  it("hands names that are no flow on to the compare page, and refuses a link that names none", () => {
    expect(expandShortLink("?v=pkce,nope", SCENARIOS)).toMatchObject({ ok: true, flow: "authorization-code-pkce", href: "/compare?flows=authorization-code-pkce,nope&seed=demo&step=1" });
    expect(expandShortLink("?v=%3Cscript%3E,x", SCENARIOS)).toEqual({ ok: false, reason: "unknown-flow", flow: "<script>,x" });
    expect(expandShortLink("?v=", SCENARIOS)).toEqual({ ok: false, reason: "no-flow" });
  });
});
