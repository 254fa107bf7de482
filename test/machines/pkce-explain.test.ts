import { describe, expect, it } from "vitest";
import { FLOWS } from "@/machines/flows";
import { computeS256, explainPkce } from "@/machines/pkce-explain";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";

async function trace(flow: keyof typeof FLOWS, scenario?: string): Promise<Trace> {
  const definition = FLOWS[flow];
  const chosen = scenario ? definition.scenarios.find((s) => s.id === scenario) : definition.scenarios[0];
  if (!chosen) throw new Error(`no scenario ${scenario}`);
  return runFlow(definition, chosen, "demo");
}

function indexOf(t: Trace, id: string): number {
  const found = t.steps.findIndex((s) => s.id === id);
  if (found < 0) throw new Error(`no step ${id}`);
  return found;
}

describe("computeS256", () => {
  it("gives RFC 7636 Appendix B's challenge for its verifier, stage by stage", async () => {
    expect(await computeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toEqual({
      octets: 43,
      digestHex: "13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3",
      challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    });
  });
});

describe("explainPkce", () => {
  it("shows the client generating verifier and S256 challenge, the method read from the request that follows", async () => {
    const t = await trace("authorization-code-pkce");
    const explained = explainPkce(t, indexOf(t, "generate-pkce"))!;
    const step = t.steps[indexOf(t, "generate-pkce")]!;
    expect(explained).toEqual({
      moment: "generate",
      verifier: step.artifacts.find((a) => a.kind === "code_verifier")!.value,
      verifierKeptByClient: false,
      challenge: step.artifacts.find((a) => a.kind === "code_challenge")!.value,
      method: "S256",
      methodStated: true,
    });
    expect((await computeS256(explained.verifier!)).challenge).toBe(explained.challenge);
  });

  it("on the authorization request, the challenge travels and the verifier stays with the client", async () => {
    const t = await trace("authorization-code-pkce");
    const explained = explainPkce(t, indexOf(t, "authorization-request"))!;
    expect(explained.moment).toBe("send-challenge");
    expect(explained.verifierKeptByClient).toBe(true);
    expect((await computeS256(explained.verifier!)).challenge).toBe(explained.challenge);
  });

  it("on the token request, compares the verifier sent with the challenge the server holds", async () => {
    const t = await trace("authorization-code-pkce");
    const explained = explainPkce(t, indexOf(t, "token-request"))!;
    expect(explained.moment).toBe("send-verifier");
    expect(explained.verifierKeptByClient).toBe(false);
    expect((await computeS256(explained.verifier!)).challenge).toBe(explained.challenge);
  });

  it("shows the mismatch of the wrong-verifier scenario", async () => {
    const t = await trace("authorization-code-pkce", "wrong-verifier");
    const explained = explainPkce(t, indexOf(t, "token-request"))!;
    expect(explained.challenge).toBeDefined();
    expect((await computeS256(explained.verifier!)).challenge).not.toBe(explained.challenge);
  });

  it("reads the plain method: the challenge is the verifier itself", async () => {
    const t = await trace("authorization-code-pkce", "plain-method");
    const explained = explainPkce(t, indexOf(t, "generate-pkce"))!;
    expect(explained.method).toBe("plain");
    expect(explained.challenge).toBe(explained.verifier);
  });

  it("has nothing to say about a step without verifier or challenge", async () => {
    const t = await trace("authorization-code-pkce");
    expect(explainPkce(t, indexOf(t, "token-response"))).toBeUndefined();
    expect(explainPkce(t, 999)).toBeUndefined();
  });
});
