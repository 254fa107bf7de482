import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clampStep, DEFAULT_SEED, MAX_SEED_LENGTH, parseFlowUrl, parseGrant, sanitizeSeed, serializeFlowUrl } from "@/machines/flow-url";

const scenarios = [
  { id: "default", title: "The person signs in and allows access" },
  { id: "consent-denied", title: "The person denies consent" },
];
const options = { scenarios, grantable: true };

describe("reading a flow page's address", () => {
  it("opens the default scenario at step 1 with the demo seed when the address says nothing", () => {
    expect(parseFlowUrl("", options)).toEqual({ location: { scenario: "default", step: 1, seed: DEFAULT_SEED }, notices: [] });
  });

  it("reads scenario, step, seed and granted scopes as given", () => {
    const parsed = parseFlowUrl("?scenario=consent-denied&step=7&seed=lecture-3&grant=profile,order:read", options);
    expect(parsed).toEqual({
      location: { scenario: "consent-denied", step: 7, seed: "lecture-3", grant: ["profile", "order:read"] },
      notices: [],
    });
  });

  it("falls back to the default scenario, saying which one it shows, for a scenario the flow does not have", () => {
    const parsed = parseFlowUrl("?scenario=nope", options);
    expect(parsed.location.scenario).toBe("default");
    expect(parsed.notices).toEqual([{ field: "scenario", message: expect.stringContaining("“nope”") }]);
    expect(parsed.notices[0]!.message).toContain(scenarios[0]!.title);
  });

  it.each(["abc", "-3", "2.5", "1e3", " ", "%"])("starts at step 1 with a notice for the step %j", (step) => {
    const parsed = parseFlowUrl(`?step=${encodeURIComponent(step)}`, options);
    expect(parsed.location.step).toBe(1);
    expect(parsed.notices.map((notice) => notice.field)).toEqual(["step"]);
  });

  it("reads step 0 as step 1, with a notice that steps count from 1", () => {
    const parsed = parseFlowUrl("?step=0", options);
    expect(parsed.location.step).toBe(1);
    expect(parsed.notices[0]).toEqual({ field: "step", message: expect.stringContaining("from 1") });
  });

  it("keeps a huge step number finite", () => {
    expect(parseFlowUrl(`?step=${"9".repeat(400)}`, options).location.step).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("handles the hostile address of the issue without throwing: ?step=9999&seed=<script>&scenario=nope", () => {
    const parsed = parseFlowUrl("?step=9999&seed=%3Cscript%3E&scenario=nope", options);
    expect(parsed.location).toEqual({ scenario: "default", step: 9999, seed: "script" });
    expect(parsed.notices.map((notice) => notice.field).sort()).toEqual(["scenario", "seed"]);
  });

  it("ignores granted scopes, with a notice, on a flow without a consent page", () => {
    const parsed = parseFlowUrl("?grant=profile", { scenarios, grantable: false });
    expect(parsed.location.grant).toBeUndefined();
    expect(parsed.notices).toEqual([{ field: "grant", message: expect.stringContaining("ignored") }]);
  });
});

describe("clampStep", () => {
  it("keeps a step inside the trace", () => {
    expect(clampStep(3, 14)).toEqual({ step: 3 });
    expect(clampStep(14, 14)).toEqual({ step: 14 });
  });

  it("shows the last step, with a notice naming the real length, for a step past the end", () => {
    expect(clampStep(9999, 14)).toEqual({ step: 14, notice: { field: "step", message: "This scenario has 14 steps, not step 9999, so it shows the last one." } });
  });

  it("never returns less than 1", () => {
    expect(clampStep(0, 0).step).toBe(1);
    expect(clampStep(Number.NaN, 5).step).toBe(1);
  });
});

describe("sanitizeSeed", () => {
  it("keeps letters, digits and - . _ ~", () => {
    expect(sanitizeSeed("Lecture_3.v2~x-y")).toEqual({ seed: "Lecture_3.v2~x-y" });
  });

  it("uses the demo seed, with a notice, for an empty seed", () => {
    expect(sanitizeSeed("")).toEqual({ seed: DEFAULT_SEED, notice: { field: "seed", message: expect.stringContaining("empty") } });
    expect(sanitizeSeed("   ").seed).toBe(DEFAULT_SEED);
  });

  it("removes markup characters, so a script payload becomes plain letters", () => {
    const result = sanitizeSeed('<script>alert("x")</script>');
    expect(result.seed).toBe("scriptalertxscript");
    expect(result.notice?.field).toBe("seed");
  });

  it("uses the demo seed when nothing usable is left", () => {
    expect(sanitizeSeed("<>\"'&").seed).toBe(DEFAULT_SEED);
  });

  it(`cuts a seed to ${MAX_SEED_LENGTH} characters, with a notice`, () => {
    const result = sanitizeSeed("a".repeat(10_000));
    expect(result.seed).toBe("a".repeat(MAX_SEED_LENGTH));
    expect(result.notice?.message).toContain(`longer than ${MAX_SEED_LENGTH}`);
    expect(result.notice!.message.length).toBeLessThan(200);
  });

  it("always yields a usable seed (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        const { seed } = sanitizeSeed(raw);
        expect(seed).toMatch(/^[A-Za-z0-9._~-]{1,64}$/);
      }),
    );
  });
});

describe("parseGrant", () => {
  it("reads an empty grant as every box unticked", () => {
    expect(parseGrant("", true)).toEqual({ grant: [] });
  });

  it("drops values that are not scope tokens, with a notice", () => {
    const result = parseGrant('profile,<b>"x"</b>,order', true);
    expect(result.grant).toEqual(["profile", "order"]);
    expect(result.notice?.field).toBe("grant");
  });
});

describe("serializeFlowUrl", () => {
  it("always names scenario, step and seed", () => {
    expect(serializeFlowUrl({ scenario: "default", step: 3, seed: "demo" })).toBe("?scenario=default&step=3&seed=demo");
  });

  it("writes granted scopes readably, comma-separated", () => {
    expect(serializeFlowUrl({ scenario: "default", step: 5, seed: "demo", grant: ["profile", "order:read"] })).toBe(
      "?scenario=default&step=5&seed=demo&grant=profile,order:read",
    );
    expect(serializeFlowUrl({ scenario: "default", step: 5, seed: "demo", grant: [] })).toBe("?scenario=default&step=5&seed=demo&grant=");
  });

  it("round-trips every location it writes (property)", () => {
    const scope = fc.stringMatching(/^[a-z:]{1,12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...scenarios.map((scenario) => scenario.id)),
        fc.integer({ min: 1, max: 500 }),
        fc.stringMatching(/^[A-Za-z0-9._~-]{1,64}$/),
        fc.option(fc.uniqueArray(scope, { maxLength: 5 }), { nil: undefined }),
        (scenario, step, seed, grant) => {
          const location = { scenario, step, seed, ...(grant ? { grant } : {}) };
          expect(parseFlowUrl(serializeFlowUrl(location), options)).toEqual({ location, notices: [] });
        },
      ),
    );
  });
});
