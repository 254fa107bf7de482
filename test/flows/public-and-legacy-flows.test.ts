/**
 * The authorization code flow with PKCE (RFC 7636), the implicit grant (RFC 6749 §4.2) and the
 * password grant (RFC 6749 §4.3): every scenario runs through `runFlow` against the mock world,
 * ends as it expects, and shows the consequence it is there to teach.
 */
import { describe, expect, it } from "vitest";
import { authorizationCodePkceFlow } from "@/machines/flows/authorization-code-pkce";
import { implicitFlow } from "@/machines/flows/implicit";
import { passwordFlow } from "@/machines/flows/password";
import type { FlowDefinition, Scenario } from "@/machines/flows/types";
import { header, jsonBody, urlParams } from "@/machines/roles/messages";
import { runFlow } from "@/machines/run";
import { STEPS } from "@/machines/steps";
import type { Artifact, RoleId, RoleOutcome, Trace, TraceStep } from "@/machines/trace";
import { computeCodeChallenge } from "@/machines/world/pkce";

const FLOWS = [authorizationCodePkceFlow, implicitFlow, passwordFlow] as unknown as readonly FlowDefinition<Scenario>[];
const ALICE = "user-alice-7f3a";

const traces = new Map<string, Promise<Trace>>();
/** Each scenario runs once per seed; the tests share the trace. */
function run(flow: FlowDefinition<Scenario>, scenarioId: string, seed = "demo"): Promise<Trace> {
  const key = `${flow.id}/${scenarioId}/${seed}`;
  if (!traces.has(key)) {
    const scenario = flow.scenarios.find((candidate) => candidate.id === scenarioId);
    if (!scenario) throw new Error(`${flow.id} has no scenario ${scenarioId}`);
    traces.set(key, runFlow(flow, scenario, seed));
  }
  return traces.get(key)!;
}

const pkce = (id: string) => run(authorizationCodePkceFlow as unknown as FlowDefinition<Scenario>, id);
const implicit = (id: string) => run(implicitFlow as unknown as FlowDefinition<Scenario>, id);
const password = (id: string) => run(passwordFlow as unknown as FlowDefinition<Scenario>, id);

function ids(trace: Trace): string[] {
  return trace.steps.map((step) => step.id);
}

function step(trace: Trace, id: string, nth = 0): TraceStep {
  const found = trace.steps.filter((candidate) => candidate.id === id)[nth];
  if (!found) throw new Error(`no step ${id} in ${trace.flow}/${trace.scenario}: ${ids(trace).join(", ")}`);
  return found;
}

function outcome(trace: Trace, role: RoleId): RoleOutcome | undefined {
  return trace.outcomes.find((candidate) => candidate.role === role);
}

function artifact(target: TraceStep, kind: Artifact["kind"]): Artifact | undefined {
  return target.artifacts.find((candidate) => candidate.kind === kind);
}

function formOf(target: TraceStep): URLSearchParams {
  return new URLSearchParams(target.request?.body ?? "");
}

function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
}

function locationOf(target: TraceStep): string {
  return header(target.response!, "location") ?? "";
}

describe.each(FLOWS.map((flow) => [flow.id, flow] as const))("the %s flow", (_id, flow) => {
  it.each(flow.scenarios.map((scenario) => [scenario.id, scenario] as const))("scenario %s ends as it expects", async (scenarioId, scenario) => {
    const trace = await run(flow, scenarioId);
    expect(scenario.title.trim()).not.toBe("");
    const outcomes = trace.outcomes.map(({ role, kind, result }) => ({ role, kind, result }));
    for (const expected of scenario.expected) expect(outcomes).toContainEqual({ role: expected.role, kind: expected.kind, result: expected.result });
  });

  it("starts with a default scenario that ends with a successful API call", async () => {
    const trace = await run(flow, flow.scenarios[0]!.id);
    expect(flow.scenarios[0]!.id).toBe("default");
    expect(step(trace, "api-response").response?.status).toBe(200);
    expect(outcome(trace, "client")).toMatchObject({ kind: "resource", result: "200", summary: "got the data of Alice Liddell" });
  });

  it.each(flow.scenarios.map((scenario) => scenario.id))("records %s with registered, kebab-case step ids", async (scenarioId) => {
    const trace = await run(flow, scenarioId);
    for (const recorded of trace.steps) {
      expect(recorded.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(STEPS[recorded.id], `${recorded.id} is not registered`).toBeDefined();
    }
  });

  it.each(flow.scenarios.map((scenario) => scenario.id))("answers every request of %s: no delivery is lost while a server is busy", async (scenarioId) => {
    const trace = await run(flow, scenarioId);
    const servers: readonly RoleId[] = ["authorizationServer", "resourceServer"];
    const requests = trace.steps.filter((recorded) => servers.includes(recorded.to) && recorded.request);
    const answers = trace.steps.filter((recorded) => servers.includes(recorded.from) && recorded.response);
    expect(answers.length).toBe(requests.length);
    for (const role of trace.roles) {
      const takesPart = trace.steps.some((recorded) => recorded.from === role && !servers.includes(role));
      if (takesPart) expect(outcome(trace, role), `${role} never finished`).toBeDefined();
    }
  });

  it.each(flow.scenarios.map((scenario) => scenario.id))("gives a byte-identical trace of %s for the same seed", async (scenarioId) => {
    const scenario = flow.scenarios.find((candidate) => candidate.id === scenarioId)!;
    const [first, second] = [await runFlow(flow, scenario, "determinism"), await runFlow(flow, scenario, "determinism")];
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

describe("authorization code with PKCE (RFC 7636), public client spa", () => {
  it("sends the S256 challenge through the browser and the verifier only over the back channel", async () => {
    const trace = await pkce("default");
    const generated = step(trace, "generate-pkce");
    const verifier = artifact(generated, "code_verifier")!.value;
    const challenge = artifact(generated, "code_challenge")!.value;
    expect(challenge).toBe(await computeCodeChallenge(verifier, "S256"));
    expect(generated.checks).toContainEqual(expect.objectContaining({ id: "challenge-hides-verifier", passed: true }));
    const { query } = urlParams(step(trace, "authorization-request").request!.url);
    expect(query.get("code_challenge")).toBe(challenge);
    expect(query.get("code_challenge_method")).toBe("S256");
    const tokenRequest = step(trace, "token-request");
    expect(tokenRequest.channel).toBe("back");
    expect(formOf(tokenRequest).get("code_verifier")).toBe(verifier);
    // A public client: client_id in the body, no secret and no Authorization header (RFC 6749 §2.3, §3.2.1).
    expect(formOf(tokenRequest).get("client_id")).toBe("spa");
    expect(header(tokenRequest.request!, "authorization")).toBeUndefined();
    for (const front of trace.steps.filter((recorded) => recorded.channel === "front")) {
      expect(JSON.stringify([front.request, front.response, front.link, front.artifacts]), front.id).not.toContain(verifier);
    }
  });

  it("with PKCE off, lets an attacker who intercepts the code redeem it and read Alice's data, and the app's own exchange then fails", async () => {
    const trace = await pkce("code-intercepted-pkce-off");
    const intercepted = step(trace, "code-intercepted");
    expect(intercepted).toMatchObject({ from: "resourceOwner", to: "attacker", channel: "front" });
    const code = urlParams(intercepted.link!).query.get("code")!;
    const redeem = formOf(step(trace, "attacker-token-request"));
    expect(redeem.get("code")).toBe(code);
    expect(redeem.has("code_verifier")).toBe(false);
    const stolen = step(trace, "attacker-token-response");
    expect(stolen.response?.status).toBe(200);
    expect(jwtClaims(String(jsonBody(stolen.response!).access_token))).toMatchObject({ sub: ALICE, client_id: "spa" });
    const read = step(trace, "attacker-api-response");
    expect(read.response?.status).toBe(200);
    expect(jsonBody(read.response!)).toMatchObject({ sub: ALICE, name: "Alice Liddell" });
    expect(outcome(trace, "attacker")).toMatchObject({ kind: "resource", result: "200", summary: "got the data of Alice Liddell" });
    // The app comes second: the code is already used (RFC 6749 §4.1.2, §10.5).
    const refused = step(trace, "token-error");
    expect(refused.index).toBeGreaterThan(read.index);
    expect(formOf(step(trace, "token-request")).get("code")).toBe(code);
    expect(refused.response?.status).toBe(400);
    expect(jsonBody(refused.response!)).toMatchObject({ error: "invalid_grant" });
    expect(String(jsonBody(refused.response!).error_description)).toContain("already used");
    expect(outcome(trace, "client")).toMatchObject({ kind: "error", result: "invalid_grant" });
  });

  it("gives an attacker who intercepts the code invalid_grant when PKCE is on, and the app still signs in", async () => {
    const trace = await pkce("code-intercepted-pkce-on");
    const refused = step(trace, "attacker-token-error");
    expect(refused.response?.status).toBe(400);
    expect(jsonBody(refused.response!)).toMatchObject({ error: "invalid_grant" });
    expect(ids(trace)).not.toContain("attacker-api-request");
    expect(outcome(trace, "attacker")).toMatchObject({ kind: "error", result: "invalid_grant" });
    expect(trace.steps.at(-1)?.knowledge.attacker?.access_token ?? []).toEqual([]);
    expect(step(trace, "token-response").response?.status).toBe(200);
    expect(outcome(trace, "client")).toMatchObject({ kind: "resource", result: "200", summary: "got the data of Alice Liddell" });
  });

  it("rejects a code_verifier that does not match the S256 challenge", async () => {
    const trace = await pkce("wrong-verifier");
    const { query } = urlParams(step(trace, "authorization-request").request!.url);
    const sent = formOf(step(trace, "token-request")).get("code_verifier")!;
    expect(await computeCodeChallenge(sent, "S256")).not.toBe(query.get("code_challenge"));
    const refused = step(trace, "token-error");
    expect(refused.response?.status).toBe(400);
    expect(jsonBody(refused.response!)).toMatchObject({ error: "invalid_grant", error_description: "code_verifier does not match the S256 code_challenge" });
    expect(ids(trace)).not.toContain("api-request");
    expect(outcome(trace, "client")).toMatchObject({ kind: "error", result: "invalid_grant" });
  });

  it("with the plain method, succeeds, but the challenge that crosses the browser is the verifier itself", async () => {
    const trace = await pkce("plain-method");
    const generated = step(trace, "generate-pkce");
    const verifier = artifact(generated, "code_verifier")!.value;
    expect(generated.checks).toContainEqual(expect.objectContaining({ id: "challenge-hides-verifier", passed: false }));
    const request = step(trace, "authorization-request");
    expect(request.channel).toBe("front");
    const { query } = urlParams(request.request!.url);
    expect(query.get("code_challenge_method")).toBe("plain");
    expect(query.get("code_challenge")).toBe(verifier);
    expect(formOf(step(trace, "token-request")).get("code_verifier")).toBe(verifier);
    expect(outcome(trace, "client")).toMatchObject({ kind: "resource", result: "200" });
  });

  it("answers 403 insufficient_scope when the person allowed profile only and the app calls GET /orders", async () => {
    const trace = await pkce("insufficient-scope");
    expect(formOf(step(trace, "consent")).getAll("granted_scope").filter(Boolean)).toEqual(["profile"]);
    expect(jsonBody(step(trace, "token-response").response!).scope).toBe("profile");
    const refused = step(trace, "api-error");
    expect(refused.request).toBeUndefined();
    expect(refused.response?.status).toBe(403);
    expect(header(refused.response!, "www-authenticate")).toMatch(/error="insufficient_scope"/);
    expect(header(refused.response!, "www-authenticate")).toMatch(/scope="order:read"/);
    expect(outcome(trace, "client")).toMatchObject({ kind: "error", result: "insufficient_scope" });
  });
});

describe("implicit grant (RFC 6749 §4.2, deprecated), public client legacy-spa", () => {
  it("puts the access token in the redirect's fragment, which the browser keeps and the page's script reads", async () => {
    const trace = await implicit("default");
    expect(implicitFlow.deprecated).toBe(true);
    expect(urlParams(step(trace, "authorization-request").request!.url).query.get("response_type")).toBe("token");
    const redirect = step(trace, "authorization-response");
    const { fragment } = urlParams(locationOf(redirect));
    const token = fragment.get("access_token")!;
    expect(token).toBeTruthy();
    expect(fragment.get("token_type")).toBe("Bearer");
    // RFC 3986 §3.5: the fragment is not sent to the client's server when the browser loads the page …
    const callback = step(trace, "callback");
    expect(callback.request!.url).toBe("https://legacy.example/callback");
    expect(callback.artifacts).toEqual([]);
    // … the page's script reads it from the address bar.
    const read = step(trace, "read-fragment");
    expect(read).toMatchObject({ from: "resourceOwner", to: "client", channel: "front" });
    expect(artifact(read, "access_token")).toEqual({ kind: "access_token", value: token, where: "fragment" });
    expect(step(trace, "verify-callback").checks.every((check) => check.passed)).toBe(true);
    // No code, no token request: the token was in the URL all along, and the browser (its history) knows it.
    expect(ids(trace)).not.toContain("token-request");
    expect(trace.steps.at(-1)?.knowledge.resourceOwner?.access_token).toContain(token);
    expect(header(step(trace, "api-request").request!, "authorization")).toBe(`Bearer ${token}`);
    expect(jwtClaims(token)).toMatchObject({ sub: ALICE, client_id: "legacy-spa", scope: "profile order:read" });
  });

  it("lets another script on the page read the token from the address bar and call the API as Alice", async () => {
    const trace = await implicit("token-read-by-another-script");
    const token = urlParams(locationOf(step(trace, "authorization-response"))).fragment.get("access_token")!;
    const stolen = step(trace, "script-reads-fragment");
    expect(stolen).toMatchObject({ from: "resourceOwner", to: "attacker", channel: "front" });
    expect(artifact(stolen, "access_token")?.value).toBe(token);
    expect(header(step(trace, "attacker-api-request").request!, "authorization")).toBe(`Bearer ${token}`);
    expect(step(trace, "attacker-api-response").response?.status).toBe(200);
    expect(jsonBody(step(trace, "attacker-api-response").response!)).toMatchObject({ sub: ALICE, name: "Alice Liddell" });
    expect(outcome(trace, "attacker")).toMatchObject({ kind: "resource", result: "200", summary: "got the data of Alice Liddell" });
    expect(outcome(trace, "client")).toMatchObject({ kind: "resource", result: "200" });
  });

  it("is refused with unsupported_response_type in OAuth 2.1 mode, in the redirect and before any sign-in", async () => {
    const trace = await implicit("refused-in-oauth-2-1");
    const redirect = step(trace, "authorization-response");
    const { query } = urlParams(locationOf(redirect));
    expect(query.get("error")).toBe("unsupported_response_type");
    expect(query.get("state")).toBe(artifact(step(trace, "generate-state"), "state")!.value);
    expect(ids(trace)).not.toContain("login-page");
    expect(ids(trace)).not.toContain("api-request");
    expect(trace.steps.flatMap((recorded) => recorded.artifacts).filter((found) => found.kind === "access_token")).toEqual([]);
    expect(outcome(trace, "client")).toMatchObject({ kind: "error", result: "unsupported_response_type" });
    expect(outcome(trace, "resourceOwner")).toMatchObject({ kind: "error", result: "unsupported_response_type" });
  });

  it("revokes the token on sign-out with client_id only (a public client), after which the API answers 401 invalid_token", async () => {
    const trace = await implicit("token-revoked");
    const revocation = step(trace, "revocation-request");
    const token = urlParams(locationOf(step(trace, "authorization-response"))).fragment.get("access_token")!;
    expect(revocation.request?.url).toBe("https://authorization-server.example/revoke");
    expect(formOf(revocation).get("token")).toBe(token);
    expect(formOf(revocation).get("client_id")).toBe("legacy-spa");
    expect(formOf(revocation).has("client_secret")).toBe(false);
    expect(header(revocation.request!, "authorization")).toBeUndefined();
    expect(step(trace, "revocation-response").response?.status).toBe(200);
    const refused = step(trace, "api-error");
    expect(refused.index).toBeGreaterThan(revocation.index);
    expect(refused.response?.status).toBe(401);
    expect(header(refused.response!, "www-authenticate")).toMatch(/error="invalid_token"/);
    expect(outcome(trace, "client")).toMatchObject({ kind: "error", result: "invalid_token" });
  });
});

describe("resource owner password credentials grant (RFC 6749 §4.3, deprecated), client first-party-app", () => {
  it("has the person type the password into the client's own form, so the client knows it and sends it on", async () => {
    const trace = await password("default");
    expect(passwordFlow.deprecated).toBe(true);
    expect(ids(trace).slice(0, 5)).toEqual(["start-login", "client-login-page", "enter-password", "password-token-request", "token-response"]);
    // No authorization server page: the person never sees who they are really signing in with.
    expect(ids(trace)).not.toContain("authorization-request");
    const typed = step(trace, "enter-password");
    expect(typed).toMatchObject({ from: "resourceOwner", to: "client", channel: "front" });
    expect(artifact(typed, "password")).toEqual({ kind: "password", value: "wonderland", where: "form" });
    expect(trace.steps.at(-1)?.knowledge.client?.password).toEqual(["wonderland"]);
    const tokenRequest = step(trace, "password-token-request");
    expect(tokenRequest.channel).toBe("back");
    expect(Object.fromEntries(formOf(tokenRequest))).toEqual({ grant_type: "password", username: "alice", password: "wonderland", scope: "profile order" });
    expect(header(tokenRequest.request!, "authorization")).toMatch(/^Basic /);
    expect(jwtClaims(String(jsonBody(step(trace, "token-response").response!).access_token))).toMatchObject({ sub: ALICE, client_id: "first-party-app" });
  });

  it("refuses a wrong password with invalid_grant", async () => {
    const trace = await password("wrong-password");
    const refused = step(trace, "token-error");
    expect(refused.response?.status).toBe(400);
    expect(jsonBody(refused.response!)).toMatchObject({ error: "invalid_grant" });
    expect(ids(trace)).not.toContain("api-request");
    expect(outcome(trace, "client")).toMatchObject({ kind: "error", result: "invalid_grant" });
    expect(outcome(trace, "resourceOwner")).toMatchObject({ kind: "error", result: "invalid_grant" });
  });

  it("is refused with unsupported_grant_type in OAuth 2.1 mode", async () => {
    const trace = await password("refused-in-oauth-2-1");
    const refused = step(trace, "token-error");
    expect(refused.response?.status).toBe(400);
    expect(jsonBody(refused.response!)).toMatchObject({ error: "unsupported_grant_type" });
    expect(outcome(trace, "client")).toMatchObject({ kind: "error", result: "unsupported_grant_type" });
  });

  it("revokes the refresh token on sign-out, which also kills the access token: the API answers 401 invalid_token", async () => {
    const trace = await password("token-revoked");
    const issued = jsonBody(step(trace, "token-response").response!);
    const revocation = step(trace, "revocation-request");
    expect(formOf(revocation).get("token")).toBe(issued.refresh_token);
    expect(formOf(revocation).get("token_type_hint")).toBe("refresh_token");
    expect(header(revocation.request!, "authorization")).toMatch(/^Basic /);
    expect(step(trace, "revocation-response").response?.status).toBe(200);
    const refused = step(trace, "api-error");
    expect(header(step(trace, "api-request").request!, "authorization")).toBe(`Bearer ${String(issued.access_token)}`);
    expect(refused.response?.status).toBe(401);
    expect(header(refused.response!, "www-authenticate")).toMatch(/error="invalid_token"/);
    expect(outcome(trace, "client")).toMatchObject({ kind: "error", result: "invalid_token" });
  });
});

describe("who knows what", () => {
  it.each([
    ["authorization-code-pkce", "default"],
    ["implicit", "default"],
  ])("%s / %s: the client never learns the password", async (flowId, scenarioId) => {
    const trace = flowId === "implicit" ? await implicit(scenarioId) : await pkce(scenarioId);
    for (const recorded of trace.steps) expect(recorded.knowledge.client?.password ?? []).toEqual([]);
  });
});

describe("RFC references", () => {
  /** The section each step of every scenario of a flow cites, by step id. */
  async function sectionsOf(flow: FlowDefinition<Scenario>): Promise<Map<string, string>> {
    const sections = new Map<string, string>();
    for (const scenario of flow.scenarios) {
      for (const step of (await run(flow, scenario.id)).steps) sections.set(step.id, `RFC ${step.reference.rfc} §${step.reference.section}`);
    }
    return sections;
  }

  it("cites the implicit grant's own sections (§4.2.x) for the steps it shares with the code flow", async () => {
    const sections = await sectionsOf(implicitFlow as unknown as FlowDefinition<Scenario>);
    expect(Object.fromEntries(["start-login", "authorization-request", "consent", "authorization-response", "callback", "error-page"].map((id) => [id, sections.get(id)]))).toEqual({
      "start-login": "RFC 6749 §4.2",
      "authorization-request": "RFC 6749 §4.2.1",
      consent: "RFC 6749 §4.2.1",
      "authorization-response": "RFC 6749 §4.2.2",
      callback: "RFC 6749 §4.2.2",
      "error-page": "RFC 6749 §4.2.2.1",
    });
    expect([...sections.values()].filter((section) => section.startsWith("RFC 6749 §4.1"))).toEqual([]);
  });

  it("cites the password grant's sections (§4.3, §5.2), never the code flow's", async () => {
    const sections = await sectionsOf(passwordFlow as unknown as FlowDefinition<Scenario>);
    expect(sections.get("start-login")).toBe("RFC 6749 §4.3");
    expect(sections.get("error-page")).toBe("RFC 6749 §5.2");
    expect([...sections.values()].filter((section) => section.startsWith("RFC 6749 §4.1"))).toEqual([]);
  });

  it("keeps the code flow's own sections for the code flow with PKCE", async () => {
    const sections = await sectionsOf(authorizationCodePkceFlow as unknown as FlowDefinition<Scenario>);
    expect(sections.get("authorization-request")).toBe("RFC 6749 §4.1.1");
    expect(sections.get("callback")).toBe("RFC 6749 §4.1.2");
  });
});
