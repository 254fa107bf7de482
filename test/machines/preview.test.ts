import { describe, expect, it } from "vitest";
import { FLOWS } from "@/machines/flows";
import { previewMessages } from "@/machines/preview";
import { runFlow } from "@/machines/run";

async function defaultTrace(id: keyof typeof FLOWS) {
  const flow = FLOWS[id];
  return runFlow(flow, flow.scenarios[0]!, "demo");
}

describe("the home page's picture of a flow", () => {
  it("draws the PKCE flow's network messages from the first redirect to the API's answer, read from its trace", async () => {
    const trace = await defaultTrace("authorization-code-pkce");
    const messages = previewMessages(trace);
    const network = trace.steps.filter((step) => step.channel !== "local");
    const first = network.findIndex((step) => step.id === "redirect-to-authorization");
    const last = network.findIndex((step) => step.id === "api-response");
    expect(messages).toHaveLength(last - first + 1);
    expect(messages.map((message) => message.label)).toEqual([
      "302 Found",
      "GET /authorize",
      "200 OK",
      "POST /authorize",
      "303 See Other",
      "GET /callback",
      "POST /token",
      "200 OK",
      "GET /me · Bearer",
      "200 OK",
    ]);
    expect(messages.map((message) => message.channel)).toEqual(network.slice(first, last + 1).map((step) => step.channel));
  });

  it("marks each value where it first travels: challenge and state out, the code back, the verifier only on the back channel", async () => {
    const messages = previewMessages(await defaultTrace("authorization-code-pkce"));
    const chipsOf = (label: string) => messages.find((message) => message.label === label)!.chips;
    expect(chipsOf("302 Found")).toEqual(["challenge", "state"]);
    expect(chipsOf("303 See Other")).toEqual(["code"]);
    expect(chipsOf("POST /token")).toEqual(["verifier"]);
    expect(messages.filter((message) => message.chips.includes("verifier")).map((message) => message.channel)).toEqual(["back"]);
  });

  it("follows the trace: a flow without a browser pictures only back-channel messages", async () => {
    const messages = previewMessages(await defaultTrace("client-credentials"));
    expect(messages.length).toBeGreaterThan(0);
    expect(new Set(messages.map((message) => message.channel))).toEqual(new Set(["back"]));
    expect(messages.at(-1)!.from).toBe(3);
  });
});
