/**
 * Tampering: a learner's edit changes a step's request just before the wire delivers it; the
 * receiving mock server answers the edited request for real, and the flow re-runs from there.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEditsFromSearch, serializeEdits } from "@/machines/edit-url";
import type { FlowDefinition, Scenario } from "@/machines/flows";
import { FLOWS, findFlow } from "@/machines/flows";
import { loadTrace, requestKey } from "@/machines/player";
import { runFlow } from "@/machines/run";
import { MAX_EDIT_VALUE, applyEdit, changedSteps, editProblem, normaliseEdits, type RequestEdit } from "@/machines/tamper";
import type { RecordedRequest, Trace, TraceStep } from "@/machines/trace";

const flow = (id: string): FlowDefinition<Scenario> => findFlow(id)!;
const defaultOf = (id: string) => flow(id).scenarios[0]!;

async function run(id: string, edits: readonly RequestEdit[] = []): Promise<Trace> {
  return runFlow(flow(id), defaultOf(id), "demo", edits.length > 0 ? { edits } : {});
}

function stepOf(trace: Trace, id: string, occurrence = 1): TraceStep {
  const step = trace.steps.filter((candidate) => candidate.id === id)[occurrence - 1];
  if (!step) throw new Error(`no step ${id} in ${trace.flow}`);
  return step;
}

function json(step: TraceStep): Record<string, unknown> {
  return JSON.parse(step.response?.body ?? "{}") as Record<string, unknown>;
}

function issuedAccessToken(trace: Trace, from: number): boolean {
  return trace.steps.slice(from).some((step) => step.response && step.from === "authorizationServer" && step.artifacts.some((artifact) => artifact.kind === "access_token"));
}

describe("the servers answer the edited request", () => {
  it("answers a swapped redirect_uri with the authorization server's 400 page and issues no code", async () => {
    const original = await run("authorization-code");
    const target = stepOf(original, "authorization-request").index;
    const trace = await run("authorization-code", [{ step: target, where: "query", op: "set", name: "redirect_uri", value: "https://attacker.example/callback" }]);
    const sent = trace.steps[target]!;
    expect(new URL(sent.request!.url).searchParams.get("redirect_uri")).toBe("https://attacker.example/callback");
    expect(sent.edited).toEqual([{ step: target, where: "query", op: "set", name: "redirect_uri", value: "https://attacker.example/callback" }]);
    const answer = trace.steps[target + 1]!;
    expect(answer.id).toBe("authorization-error-page");
    expect(answer.response?.status).toBe(400);
    expect(answer.response?.headers.some(([name]) => name === "location")).toBe(false);
    expect(trace.steps.some((step) => step.artifacts.some((artifact) => artifact.kind === "code"))).toBe(false);
    expect(trace.outcomes).toContainEqual(expect.objectContaining({ role: "resourceOwner", result: "invalid_redirect_uri" }));
  });

  it("answers a token request without its code_verifier with invalid_grant", async () => {
    const original = await run("authorization-code-pkce");
    const target = stepOf(original, "token-request").index;
    const trace = await run("authorization-code-pkce", [{ step: target, where: "form", op: "remove", name: "code_verifier" }]);
    expect(new URLSearchParams(trace.steps[target]!.request!.body).has("code_verifier")).toBe(false);
    const answer = trace.steps[target + 1]!;
    expect(answer.response?.status).toBe(400);
    expect(json(answer).error).toBe("invalid_grant");
    expect(issuedAccessToken(trace, target)).toBe(false);
    expect(trace.outcomes).toContainEqual(expect.objectContaining({ role: "client", kind: "error", result: "invalid_grant" }));
  });

  it("answers a widened scope with invalid_scope", async () => {
    const original = await run("client-credentials");
    const trace = await run("client-credentials", [{ step: stepOf(original, "client-credentials-request").index, where: "form", op: "set", name: "scope", value: "order" }]);
    const answer = stepOf(trace, "token-error");
    expect(answer.response?.status).toBe(400);
    expect(json(answer).error).toBe("invalid_scope");
    expect(issuedAccessToken(trace, 0)).toBe(false);
  });

  it("answers a token request without its Authorization header with 401 invalid_client", async () => {
    const original = await run("authorization-code");
    const target = stepOf(original, "token-request").index;
    const trace = await run("authorization-code", [{ step: target, where: "header", op: "remove", name: "Authorization" }]);
    expect(trace.steps[target]!.request!.headers.some(([name]) => name.toLowerCase() === "authorization")).toBe(false);
    const answer = trace.steps[target + 1]!;
    expect(answer.response?.status).toBe(401);
    expect(json(answer).error).toBe("invalid_client");
    expect(issuedAccessToken(trace, target)).toBe(false);
  });

  it("lets the client react to an edited callback: a forged state fails its check and no code is redeemed", async () => {
    const original = await run("authorization-code");
    const target = stepOf(original, "callback").index;
    const trace = await run("authorization-code", [{ step: target, where: "query", op: "set", name: "state", value: "forged" }]);
    const check = stepOf(trace, "verify-callback").checks.find((candidate) => !candidate.passed);
    expect(check?.actual).toBe("forged");
    expect(trace.steps.some((step) => step.id === "token-request")).toBe(false);
  });

  it("re-runs the rest of the flow from the real answer: an edit that changes nothing the server checks still ends with the data", async () => {
    const original = await run("client-credentials");
    const trace = await run("client-credentials", [{ step: 0, where: "header", op: "add", name: "x-learner", value: "hello" }]);
    expect(trace.outcomes).toEqual(original.outcomes);
    expect(trace.steps[0]!.request!.headers).toContainEqual(["x-learner", "hello"]);
  });
});

describe("runs without edits", () => {
  it("records every flow × scenario exactly as before: no edited marks and the same bytes as a run with an empty edit list", async () => {
    for (const definition of Object.values(FLOWS)) {
      for (const scenario of definition.scenarios) {
        const plain = await runFlow(definition, scenario, "demo");
        const withEmpty = await runFlow(definition, scenario, "demo", { edits: [] });
        expect(plain.steps.some((step) => "edited" in step), `${definition.id}/${scenario.id}`).toBe(false);
        expect("rejectedEdits" in plain || "changed" in plain).toBe(false);
        const hash = (trace: Trace) => createHash("sha256").update(JSON.stringify(trace)).digest("hex");
        expect(hash(withEmpty)).toBe(hash(plain));
      }
    }
  });
});

describe("changedSteps", () => {
  it("marks the edited step and every later step that differs, and nothing before the edit", async () => {
    const original = await run("authorization-code");
    const target = stepOf(original, "token-request").index;
    const edited = await run("authorization-code", [{ step: target, where: "form", op: "set", name: "code", value: "made-up" }]);
    const changed = changedSteps(original, edited);
    expect(changed[0]).toBe(target);
    expect(changed).toContain(target + 1);
    expect(changed.every((index) => index >= target)).toBe(true);
    expect(changed.at(-1)).toBe(edited.steps.length - 1);
  });

  it("marks nothing when the runs are the same, and a step at the edit whose value is unchanged is not marked", async () => {
    const original = await run("client-credentials");
    expect(changedSteps(original, original)).toEqual([]);
    const scope = new URLSearchParams(original.steps[0]!.request!.body).get("scope")!;
    const same = await run("client-credentials", [{ step: 0, where: "form", op: "set", name: "scope", value: scope }]);
    expect(changedSteps(original, same)).toEqual([]);
  });
});

describe("undo", () => {
  it("loading the request without edits gives back the original trace, byte for byte", async () => {
    const base = { flow: "authorization-code-pkce", scenario: "default", seed: "demo" } as const;
    const original = await loadTrace(base);
    const edited = await loadTrace({ ...base, edits: [{ step: 9, where: "form", op: "remove", name: "code_verifier" }] });
    expect(edited.changed?.length).toBeGreaterThan(0);
    expect(requestKey({ ...base, edits: [{ step: 9, where: "form", op: "remove", name: "code_verifier" }] })).not.toBe(requestKey(base));
    expect(requestKey({ ...base, edits: [] })).toBe(requestKey(base));
    const undone = await loadTrace({ ...base, edits: [] });
    expect(JSON.stringify(undone)).toBe(JSON.stringify(original));
  });
});

describe("edits in the address", () => {
  const edits: RequestEdit[] = [
    { step: 3, where: "query", op: "set", name: "redirect_uri", value: "https://attacker.example/cb?x=1&y=2#frag" },
    { step: 9, where: "form", op: "remove", name: "code_verifier" },
    { step: 9, where: "header", op: "add", name: "X-Note", value: "100% <script>alert(1)</script> + a=b" },
    { step: 9, where: "form", op: "set", name: "scope", value: "" },
    { step: 3, where: "query", op: "set", name: "state", value: "é ü" },
  ];

  it("round-trips through the query string, repeated and percent-encoded", () => {
    const query = serializeEdits(edits);
    expect(query).toContain("&edit=4.query.set.redirect_uri=https://attacker.example/cb%3Fx=1%26y=2%23frag");
    expect(query).toContain("&edit=10.form.remove.code_verifier&");
    const parsed = parseEditsFromSearch(`?scenario=default&step=1&seed=demo${query}`);
    expect(parsed.notices).toEqual([]);
    expect(parsed.edits).toEqual(normaliseEdits(edits));
    expect(parsed.edits.map((edit) => edit.step)).toEqual([3, 3, 9, 9, 9]);
    expect(new URLSearchParams(query).getAll("edit")).toHaveLength(5);
  });

  it("leaves out each bad edit with a visible notice, and keeps the good ones", () => {
    const bad = ["%ZZ", "4.query.set", "0.query.set.scope=x", "4.body.set.scope=x", "4.query.replace.scope=x", "4.header.set.bad%20name=x", "4.header.set.x-a=line%0D%0Abreak", `4.query.set.scope=${"a".repeat(MAX_EDIT_VALUE + 1)}`, "4.query.set.scope", "4.form.set.=x"];
    const parsed = parseEditsFromSearch(`?${bad.map((value) => `edit=${value}`).join("&")}&edit=4.query.remove.state`);
    expect(parsed.edits).toEqual([{ step: 3, where: "query", op: "remove", name: "state" }]);
    expect(parsed.notices).toHaveLength(bad.length);
    expect(parsed.notices.every((notice) => notice.field === "edit" && notice.message.length < 400)).toBe(true);
    expect(parsed.notices[0]!.message).toMatch(/percent-encoding/);
    expect(parsed.notices[7]!.message).toMatch(/capped at 2000/);
  });

  it("caps the number of edits a link carries", () => {
    const many = Array.from({ length: 20 }, (_, index) => `edit=1.header.add.x-${index}=v`).join("&");
    const parsed = parseEditsFromSearch(`?${many}`);
    expect(parsed.edits).toHaveLength(12);
    expect(parsed.notices.at(-1)?.message).toMatch(/only the first 12/);
  });

  it("reopens the same flow with the same edit and the same tokens", async () => {
    const original = await run("refresh-token");
    const target = stepOf(original, "refresh-request").index;
    const query = serializeEdits([{ step: target, where: "form", op: "set", name: "scope", value: "profile" }]);
    const first = await run("refresh-token", parseEditsFromSearch(query).edits);
    const again = await run("refresh-token", parseEditsFromSearch(query).edits);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(stepOf(first, "token-response", 2).response?.status).toBe(200);
  });
});

describe("bad edits never throw and never issue a token for an invalid request", () => {
  const HOSTILE = ["", "<script>alert(1)</script>", "%ZZ%", "x".repeat(MAX_EDIT_VALUE), "\u0000\u202e", "' OR 1=1 --"];

  it("rejects with a clear message, before sending: header names that are not tokens, CR/LF in header values, huge values, empty names", () => {
    const request: RecordedRequest = { method: "GET", url: "https://api.example/me", headers: [["authorization", "Bearer x"]] };
    const cases: [RequestEdit, RegExp][] = [
      [{ step: 0, where: "header", op: "set", name: "bad name", value: "x" }, /not a header name/],
      [{ step: 0, where: "header", op: "set", name: "x-ok", value: "a\r\nInjected: yes" }, /line break/],
      [{ step: 0, where: "header", op: "set", name: "x-ok", value: "é" }, /ASCII/],
      [{ step: 0, where: "query", op: "set", name: "q", value: "x".repeat(MAX_EDIT_VALUE + 1) }, /capped at 2000/],
      [{ step: 0, where: "query", op: "set", name: "", value: "x" }, /needs a name/],
      [{ step: 0, where: "form", op: "set", name: "scope", value: "x" }, /without a form body/],
    ];
    for (const [edit, message] of cases) {
      const result = applyEdit(request, edit);
      expect("reason" in result ? result.reason : "", JSON.stringify(edit)).toMatch(message);
    }
    expect(editProblem({ step: 0, where: "query", op: "set", name: "q", value: "" })).toBeUndefined();
  });

  it("records an edit it cannot apply as rejected and runs the flow as it was", async () => {
    const original = await run("password");
    const trace = await run("password", [
      { step: 1, where: "query", op: "set", name: "x", value: "y" },
      { step: 999, where: "query", op: "set", name: "x", value: "y" },
    ]);
    expect(trace.rejectedEdits?.map((rejected) => rejected.edit.step)).toEqual([1, 999]);
    expect(trace.rejectedEdits?.[0]?.reason).toMatch(/sends no HTTP request/);
    expect(changedSteps(original, trace)).toEqual([]);
  });

  it(
    "survives hostile values in every parameter and header of every request of every flow, and issues no token when a required parameter is gone",
    async () => {
      for (const definition of Object.values(FLOWS)) {
        const original = await runFlow(definition, definition.scenarios[0]!, "demo");
        for (const step of original.steps) {
          if (!step.request || step.to !== "authorizationServer" || !step.request.url.endsWith("/token")) continue;
          const fields = [...new Set(new URLSearchParams(step.request.body).keys())];
          for (const name of fields) {
            const removed = await runFlow(definition, definition.scenarios[0]!, "demo", { edits: [{ step: step.index, where: "form", op: "remove", name }] });
            const answer = removed.steps[step.index + 1]!;
            // Every field the clients send to the token endpoint is required, except scope (RFC 6749 §3.3).
            if (name !== "scope") expect(answer.response?.status, `${definition.id} without ${name}`).toBeGreaterThanOrEqual(400);
            if (name !== "scope") expect(issuedAccessToken(removed, step.index), `${definition.id} without ${name}`).toBe(false);
            for (const value of HOSTILE) {
              const trace = await runFlow(definition, definition.scenarios[0]!, "demo", { edits: [{ step: step.index, where: "form", op: "set", name, value }] });
              expect(trace.steps.length).toBeGreaterThan(step.index);
              const reply = trace.steps[step.index + 1];
              expect(reply?.response?.status ?? 0).toBeLessThan(500);
            }
          }
        }
      }
    },
    120_000,
  );
});
