/**
 * The client credentials, refresh token and device flows, run end to end through the role
 * machines and the mock world: every scenario's outcomes, and the consequence each one teaches.
 */
import { describe, expect, it } from "vitest";
import { clientCredentialsFlow } from "../../machines/flows/client-credentials";
import { deviceCodeFlow } from "../../machines/flows/device-code";
import { refreshTokenFlow } from "../../machines/flows/refresh-token";
import type { FlowDefinition, Scenario } from "../../machines/flows/types";
import { header } from "../../machines/roles/messages";
import { runFlow } from "../../machines/run";
import { STEPS } from "../../machines/steps";
import type { RoleId, Trace, TraceStep } from "../../machines/trace";

const FLOWS = [clientCredentialsFlow, refreshTokenFlow, deviceCodeFlow] as unknown as readonly FlowDefinition<Scenario>[];
const SEED = "demo";

const traces = new Map<string, Promise<Trace>>();

/** Each scenario runs once per seed; the tests read the same trace. */
function trace(flowId: string, scenarioId: string, seed = SEED): Promise<Trace> {
  const key = `${flowId}/${scenarioId}/${seed}`;
  let found = traces.get(key);
  if (!found) {
    const flow = FLOWS.find((candidate) => candidate.id === flowId)!;
    const scenario = flow.scenarios.find((candidate) => candidate.id === scenarioId)!;
    found = runFlow(flow, scenario, seed);
    traces.set(key, found);
  }
  return found;
}

function stepsWith(trace: Trace, id: string): TraceStep[] {
  return trace.steps.filter((step) => step.id === id);
}

function only(trace: Trace, id: string): TraceStep {
  const found = stepsWith(trace, id);
  expect(found, `exactly one ${id} step`).toHaveLength(1);
  return found[0]!;
}

function json(step: TraceStep): Record<string, unknown> {
  return JSON.parse(step.response?.body ?? "{}") as Record<string, unknown>;
}

function form(step: TraceStep): URLSearchParams {
  return new URLSearchParams(step.request?.body ?? "");
}

function outcome(trace: Trace, role: RoleId) {
  return trace.outcomes.find((candidate) => candidate.role === role);
}

function bearerOf(step: TraceStep): string | undefined {
  return header(step.request!, "authorization")?.replace(/^Bearer /, "");
}

/** The answer a request step got: the next step going back the other way. */
function answerTo(trace: Trace, request: TraceStep): TraceStep {
  const answer = trace.steps.slice(request.index + 1).find((step) => step.from === request.to && step.to === request.from && step.response);
  expect(answer, `an answer to step ${request.index} (${request.id})`).toBeDefined();
  return answer!;
}

describe("client-credentials (RFC 6749 §4.4)", () => {
  it("authenticates the service with client_secret_post, issues an access token without a refresh token, and reads the inventory", async () => {
    const run = await trace("client-credentials", "default");
    expect(run.steps.map((step) => step.id)).toEqual(["client-credentials-request", "token-response", "api-request", "api-response"]);
    const request = form(only(run, "client-credentials-request"));
    expect(request.get("grant_type")).toBe("client_credentials");
    expect(request.get("client_id")).toBe("inventory-service");
    expect(request.get("client_secret")).toBe("inventory-service-secret-demo-only");
    expect(header(only(run, "client-credentials-request").request!, "authorization")).toBeUndefined();
    const tokens = json(only(run, "token-response"));
    expect(tokens.scope).toBe("inventory:read");
    // RFC 6749 §4.4.3: "A refresh token SHOULD NOT be included."
    expect(tokens.refresh_token).toBeUndefined();
    expect(only(run, "api-request").request).toMatchObject({ method: "GET", url: "https://api.example/inventory" });
    expect(bearerOf(only(run, "api-request"))).toBe(tokens.access_token);
    expect(only(run, "api-response").response?.status).toBe(200);
    expect(run.steps.every((step) => step.from !== "resourceOwner" && step.to !== "resourceOwner")).toBe(true);
  });

  it("refuses a wrong client secret with 401 invalid_client and issues no token", async () => {
    const run = await trace("client-credentials", "wrong-secret");
    const error = only(run, "token-error");
    expect(error.response?.status).toBe(401);
    expect(json(error).error).toBe("invalid_client");
    expect(stepsWith(run, "api-request")).toHaveLength(0);
  });

  it("refuses a scope the service is not registered for with 400 invalid_scope", async () => {
    const run = await trace("client-credentials", "scope-not-allowed");
    expect(form(only(run, "client-credentials-request")).get("scope")).toBe("order");
    const error = only(run, "token-error");
    expect(error.response?.status).toBe(400);
    expect(json(error).error).toBe("invalid_scope");
  });

  it("lets a token limited to inventory:read read the inventory, and refuses POST /inventory with 403 insufficient_scope", async () => {
    const run = await trace("client-credentials", "insufficient-scope");
    const [read, write] = stepsWith(run, "api-request");
    expect(read!.request).toMatchObject({ method: "GET", url: "https://api.example/inventory" });
    expect(answerTo(run, read!).response?.status).toBe(200);
    expect(write!.request).toMatchObject({ method: "POST", url: "https://api.example/inventory" });
    const refused = only(run, "api-error");
    expect(refused.response?.status).toBe(403);
    expect(header(refused.response!, "www-authenticate")).toMatch(/error="insufficient_scope".*scope="inventory:write"/);
  });
});

describe("refresh-token (RFC 6749 §6, RFC 9700 §4.14, RFC 7009)", () => {
  it("signs the person in first with the authorization code grant and PKCE, as the public spa client", async () => {
    const run = await trace("refresh-token", "default");
    expect(run.steps.slice(0, 14).map((step) => step.id)).toEqual([
      "start-login",
      "generate-pkce",
      "redirect-to-authorization",
      "authorization-request",
      "login-page",
      "consent",
      "authorization-response",
      "callback",
      "verify-callback",
      "token-request",
      "token-response",
      "api-request",
      "api-response",
      "signed-in-page",
    ]);
    expect(new URL(only(run, "authorization-request").request!.url).searchParams.get("code_challenge_method")).toBe("S256");
    const exchange = form(only(run, "token-request"));
    expect(exchange.get("client_id")).toBe("spa");
    expect(exchange.get("code_verifier")).toBeTruthy();
    expect(typeof json(stepsWith(run, "token-response")[0]!).refresh_token).toBe("string");
    expect(outcome(run, "resourceOwner")).toMatchObject({ kind: "resource", result: "200" });
  });

  it("gets 401 invalid_token once the access token has expired (901 s later), refreshes, and succeeds on the retry", async () => {
    const run = await trace("refresh-token", "default");
    const [, expiredCall, retry] = stepsWith(run, "api-request");
    expect(expiredCall!.waited).toBe(901);
    const refused = answerTo(run, expiredCall!);
    expect(refused.id).toBe("api-error");
    expect(refused.response?.status).toBe(401);
    expect(header(refused.response!, "www-authenticate")).toMatch(/error="invalid_token"/);
    const refresh = form(only(run, "refresh-request"));
    expect(refresh.get("grant_type")).toBe("refresh_token");
    expect(refresh.get("client_id")).toBe("spa");
    const [first, second] = stepsWith(run, "token-response").map(json);
    expect(refresh.get("refresh_token")).toBe(first!.refresh_token);
    // RFC 9700 §4.14.2: a public client's refresh token rotates.
    expect(second!.refresh_token).toEqual(expect.any(String));
    expect(second!.refresh_token).not.toBe(first!.refresh_token);
    expect(bearerOf(retry!)).toBe(second!.access_token);
    expect(answerTo(run, retry!).response?.status).toBe(200);
    expect(run.steps.at(-1)!.id).toBe("api-response");
  });

  it("revokes the whole family when a stolen refresh token is used twice: the attacker's new token is refused with 401 and the client gets invalid_grant", async () => {
    const run = await trace("refresh-token", "refresh-token-replayed");
    const stolen = only(run, "refresh-token-stolen");
    const original = json(stepsWith(run, "token-response")[0]!).refresh_token;
    expect(form(stolen).get("refresh_token")).toBe(original);
    // The attacker redeems it first and gets fresh tokens…
    expect(form(only(run, "attacker-refresh-request")).get("refresh_token")).toBe(original);
    expect(only(run, "attacker-refresh-response").response?.status).toBe(200);
    // …then the client presents the same, now used, refresh token: reuse detected.
    expect(form(only(run, "refresh-request")).get("refresh_token")).toBe(original);
    const reuse = only(run, "token-error");
    expect(json(reuse).error).toBe("invalid_grant");
    expect(reuse.index).toBeGreaterThan(only(run, "attacker-refresh-response").index);
    // The revoked family includes the attacker's brand-new access token.
    const attackerCall = only(run, "attacker-api-error");
    expect(attackerCall.response?.status).toBe(401);
    expect(header(attackerCall.response!, "www-authenticate")).toMatch(/error="invalid_token"/);
    expect(outcome(run, "client")).toMatchObject({ kind: "error", result: "invalid_grant" });
    expect(outcome(run, "attacker")).toMatchObject({ kind: "error", result: "invalid_token" });
  });

  it("lets a stolen refresh token keep working when rotation is off: the attacker reads Alice's data", async () => {
    const run = await trace("refresh-token", "rotation-off");
    expect(only(run, "attacker-refresh-response").response?.status).toBe(200);
    expect(only(run, "attacker-api-response").response?.status).toBe(200);
    expect(outcome(run, "attacker")).toMatchObject({ kind: "resource", result: "200", summary: "got the data of Alice Liddell" });
    expect(outcome(run, "client")).toMatchObject({ kind: "resource", result: "200" });
  });

  it("issues a token with only the narrower scope a refresh asks for: GET /me still works, GET /orders gets 403 insufficient_scope", async () => {
    const run = await trace("refresh-token", "scope-narrowed");
    expect(form(only(run, "refresh-request")).get("scope")).toBe("profile");
    const [signIn, narrowed] = stepsWith(run, "token-response").map(json);
    expect(signIn!.scope).toBe("profile order");
    expect(narrowed!.scope).toBe("profile");
    const calls = stepsWith(run, "api-request").slice(1);
    expect(calls.map((call) => call.request?.url)).toEqual(["https://api.example/me", "https://api.example/orders"]);
    expect(calls.every((call) => bearerOf(call) === narrowed!.access_token)).toBe(true);
    expect(answerTo(run, calls[0]!).response?.status).toBe(200);
    const refused = answerTo(run, calls[1]!);
    expect(refused.response?.status).toBe(403);
    expect(json(refused).error).toBe("insufficient_scope");
  });

  it("refuses the access token with 401 invalid_token after the client revokes its refresh token (RFC 7009)", async () => {
    const run = await trace("refresh-token", "token-revoked");
    const revocation = only(run, "revocation-request");
    expect(revocation.request?.url).toBe("https://authorization-server.example/revoke");
    expect(form(revocation).get("token_type_hint")).toBe("refresh_token");
    expect(form(revocation).get("token")).toBe(json(stepsWith(run, "token-response")[0]!).refresh_token);
    expect(only(run, "revocation-response").response?.status).toBe(200);
    const [signInCall, lateCall] = stepsWith(run, "api-request");
    expect(bearerOf(lateCall!)).toBe(bearerOf(signInCall!));
    const refused = answerTo(run, lateCall!);
    expect(refused.response?.status).toBe(401);
    expect(json(refused).error).toBe("invalid_token");
    expect(stepsWith(run, "refresh-request")).toHaveLength(0);
  });
});

describe("device-code (RFC 8628)", () => {
  const INTERVAL = 5;

  function polls(run: Trace): TraceStep[] {
    return stepsWith(run, "device-token-request");
  }

  it("grants only the scopes the person leaves ticked on the verification page, so the API then answers 403", async () => {
    const scenario = deviceCodeFlow.scenarios[0]!;
    const run = await runFlow(deviceCodeFlow as unknown as FlowDefinition<Scenario>, { ...scenario, grantedScope: ["order:read"] }, SEED);
    expect(form(only(run, "device-consent")).getAll("granted_scope")).toEqual(["", "order:read"]);
    expect(json(only(run, "token-response"))).toMatchObject({ scope: "order:read" });
    expect(run.outcomes.find((outcome) => outcome.role === "client")).toMatchObject({ kind: "error", result: "insufficient_scope" });
  });

  it("gets a device code and user code, and shows the person the code and the verification URI", async () => {
    const run = await trace("device-code", "default");
    expect(form(only(run, "device-authorization-request")).get("client_id")).toBe("tv-app");
    const codes = json(only(run, "device-authorization-response"));
    expect(codes).toMatchObject({ verification_uri: "https://authorization-server.example/device", expires_in: 600, interval: INTERVAL });
    const screen = only(run, "show-user-code");
    expect(screen).toMatchObject({ from: "client", to: "resourceOwner" });
    expect(screen.response?.body).toContain(String(codes.user_code));
    expect(screen.response?.body).toContain(String(codes.verification_uri));
    expect(screen.link).toBe(codes.verification_uri_complete);
    // The device_code stays between the TV and the authorization server.
    expect(screen.artifacts.some((artifact) => artifact.kind === "device_code")).toBe(false);
  });

  it("polls every interval and gets authorization_pending until the person has approved on the phone; then tokens and the API answers 200", async () => {
    const run = await trace("device-code", "default");
    const answers = polls(run).map((poll) => answerTo(run, poll));
    expect(answers.map((answer) => json(answer).error ?? answer.id)).toEqual(["authorization_pending", "authorization_pending", "token-response"]);
    expect(polls(run).every((poll) => poll.waited === INTERVAL)).toBe(true);
    const page = only(run, "open-verification-uri");
    expect(page.request?.url).toBe(json(only(run, "device-authorization-response")).verification_uri_complete);
    expect(only(run, "login-page").response?.status).toBe(200);
    const decision = form(only(run, "device-consent"));
    expect(decision.get("user_code")).toBe(json(only(run, "device-authorization-response")).user_code);
    expect(decision.get("username")).toBe("alice");
    expect(decision.get("decision")).toBe("allow");
    expect(only(run, "device-consent-result").response?.body).toContain("Device connected");
    // The approval comes between two polls; the poll after it gets the tokens.
    expect(only(run, "device-consent").index).toBeLessThan(polls(run).at(-1)!.index);
    expect(json(only(run, "token-response")).scope).toBe("profile order:read");
    expect(only(run, "api-response").response?.status).toBe(200);
    expect(outcome(run, "client")?.summary).toBe("got the data of Alice Liddell");
  });

  it("keeps the password between the phone and the verification page: the TV never learns it", async () => {
    const run = await trace("device-code", "default");
    const carrying = run.steps.filter((step) => step.artifacts.some((artifact) => artifact.kind === "password"));
    expect(carrying.map((step) => step.id)).toEqual(["device-consent"]);
    expect(run.steps.at(-1)!.knowledge.client?.password).toBeUndefined();
  });

  it("answers a TV polling every 2 s with slow_down, after which it waits interval + 5 = 10 s", async () => {
    const run = await trace("device-code", "slow-down");
    const slowDown = polls(run).find((poll) => json(answerTo(run, poll)).error === "slow_down");
    expect(slowDown?.waited).toBe(2);
    const next = polls(run)[polls(run).indexOf(slowDown!) + 1]!;
    expect(next.waited).toBe(INTERVAL + 5);
    expect(answerTo(run, next).id).toBe("token-response");
    expect(outcome(run, "client")).toMatchObject({ kind: "resource", result: "200" });
  });

  it("answers the next poll with access_denied when the person denies", async () => {
    const run = await trace("device-code", "access-denied");
    expect(form(only(run, "device-consent")).get("decision")).toBe("deny");
    expect(only(run, "device-consent-result").response?.body).toContain("Request denied");
    const last = answerTo(run, polls(run).at(-1)!);
    expect(last.response?.status).toBe(400);
    expect(json(last).error).toBe("access_denied");
    expect(stepsWith(run, "token-response")).toHaveLength(0);
  });

  it("answers expired_token once 600 s have passed without approval; the TV never polls faster than the interval", async () => {
    const run = await trace("device-code", "code-expired");
    const issuedAt = only(run, "device-authorization-response").time;
    const times = polls(run).map((poll) => poll.time);
    expect(times.slice(1).every((time, index) => time - times[index]! >= INTERVAL)).toBe(true);
    const answers = polls(run).map((poll) => json(answerTo(run, poll)).error);
    expect(answers.at(-1)).toBe("expired_token");
    expect(answers.slice(0, -1).every((error) => error === "authorization_pending")).toBe(true);
    expect(times.at(-1)! - issuedAt).toBeGreaterThanOrEqual(600);
    expect(run.steps.length).toBeLessThanOrEqual(12);
    expect(stepsWith(run, "open-verification-uri")).toHaveLength(0);
  });
});

describe("every server flow scenario", () => {
  const cases = FLOWS.flatMap((flow) => flow.scenarios.map((scenario) => ({ flow: flow.id, scenario: scenario.id, expected: scenario.expected })));

  it.each(cases)("$flow / $scenario ends as expected", async ({ flow, scenario, expected }) => {
    const run = await trace(flow, scenario);
    for (const want of expected) expect(outcome(run, want.role), `${want.role}'s outcome`).toMatchObject(want);
  });

  it.each(FLOWS.map((flow) => ({ flow: flow.id, scenario: flow.scenarios[0]!.id })))("$flow: the default scenario ends with a successful API call", async ({ flow, scenario }) => {
    const run = await trace(flow, scenario);
    const last = run.steps.at(-1)!;
    expect(last).toMatchObject({ id: "api-response", from: "resourceServer", to: "client" });
    expect(last.response?.status).toBe(200);
  });

  it.each(cases)("$flow / $scenario: same seed, byte-identical trace", async ({ flow, scenario }) => {
    const again = await runFlow(FLOWS.find((candidate) => candidate.id === flow)!, FLOWS.find((candidate) => candidate.id === flow)!.scenarios.find((candidate) => candidate.id === scenario)!, SEED);
    expect(JSON.stringify(again)).toBe(JSON.stringify(await trace(flow, scenario)));
  });

  it.each(cases)("$flow / $scenario keeps the secrets where they belong", async ({ flow, scenario }) => {
    const run = await trace(flow, scenario);
    for (const step of run.steps) {
      const url = [step.request?.url, step.link, step.response && header(step.response, "location")].filter(Boolean).join(" ");
      const kinds = (where: string) => step.artifacts.filter((artifact) => artifact.where === where).map((artifact) => artifact.kind);
      // No access token in a URL (only the implicit flow does that).
      expect([...kinds("query"), ...kinds("fragment")], `step ${step.index} ${step.id}: ${url}`).not.toContain("access_token");
      // The client secret goes only to the token, revocation and introspection endpoints.
      if (step.artifacts.some((artifact) => artifact.kind === "client_secret")) {
        expect(new URL(step.request!.url).pathname).toMatch(/^\/(token|revoke|introspect)$/);
      }
      // The code_verifier never crosses the front channel.
      if (step.channel === "front") expect(step.artifacts.map((artifact) => artifact.kind)).not.toContain("code_verifier");
      // A password goes only from the person to the authorization server.
      if (step.artifacts.some((artifact) => artifact.kind === "password")) expect(step).toMatchObject({ from: "resourceOwner", to: "authorizationServer" });
      expect(step.knowledge.client?.password ?? []).toEqual([]);
    }
  });

  it.each(cases)("$flow / $scenario: every step has a registered title and RFC reference", async ({ flow, scenario }) => {
    const run = await trace(flow, scenario);
    for (const step of run.steps) expect(STEPS[step.id], step.id).toBeDefined();
  });
});
