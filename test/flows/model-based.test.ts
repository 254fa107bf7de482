/**
 * Model-based coverage of the role machines (DESIGN "Testing": @xstate/graph over every flow
 * machine). Every registered flow × scenario is run with XState's inspection API recording each
 * `@xstate.microstep` a role actor takes; then every state node and every transition definition of
 * every role machine must have been exercised by some run. A state or transition no scenario
 * reaches is either a missing scenario or dead code — this test names it.
 *
 * The role machines are found, not only listed: every state machine a module in machines/roles/*.ts
 * exports is checked as soon as a registered flow uses it (a `provide`d variant counts as its
 * original). The ones known today are also imported by name, so losing one is a failure.
 *
 * Then @xstate/graph's getShortestPaths walks the machines themselves with sample events, to show
 * that every state is reachable — so "not exercised" means "no scenario for it", not "impossible".
 */
import { readdirSync } from "node:fs";
import { getShortestPaths, getStateNodes } from "@xstate/graph";
import type { AnyActorRef, AnyMachineSnapshot, AnyStateMachine, InspectionEvent, StateNode } from "xstate";
import { StateMachine } from "xstate";
import { beforeAll, describe, expect, it } from "vitest";
import type { FlowDefinition, Scenario } from "@/machines/flows";
import { FLOWS } from "@/machines/flows";
import { attackerMachine } from "@/machines/roles/attacker";
import { authorizationCodeClientMachine } from "@/machines/roles/authorization-code-client";
import { clientCredentialsClientMachine } from "@/machines/roles/client-credentials-client";
import { deviceClientMachine } from "@/machines/roles/device-client";
import { deviceUserMachine } from "@/machines/roles/device-user";
import { implicitClientMachine, pageScriptAttackerMachine } from "@/machines/roles/implicit-client";
import type { DeliverEvent, WireMessage } from "@/machines/roles/messages";
import { passwordClientMachine, resourceOwnerAtClientForm } from "@/machines/roles/password-client";
import { refreshingClientMachine, refreshTokenThiefMachine } from "@/machines/roles/refreshing-client";
import { resourceOwnerMachine } from "@/machines/roles/resource-owner";
import { serverMachine } from "@/machines/roles/server";
import { wireMachine } from "@/machines/roles/wire";
import { runFlow } from "@/machines/run";
import type { RecordedResponse } from "@/machines/trace";
import { ENDPOINTS, createWorld } from "@/machines/world";
import { createRandom } from "@/machines/world/random";

type AnyStateNode = StateNode<never, never>;
type AnyTransition = { readonly source: AnyStateNode; readonly target?: readonly AnyStateNode[]; readonly eventType: string; readonly guard?: unknown };

const REGISTERED = Object.values(FLOWS).filter((flow): flow is FlowDefinition<Scenario> => flow !== undefined);
const RUNS = REGISTERED.flatMap((flow) => flow.scenarios.map((scenario) => ({ flow, scenario })));

// ---------------------------------------------------------------------------------------------
// The role machines

/** Every role machine, by name. New ones are discovered below anyway; add them here as they land. */
const KNOWN_ROLE_MACHINES: readonly AnyStateMachine[] = [
  wireMachine,
  serverMachine,
  resourceOwnerMachine,
  authorizationCodeClientMachine,
  attackerMachine,
  clientCredentialsClientMachine,
  deviceClientMachine,
  deviceUserMachine,
  implicitClientMachine,
  pageScriptAttackerMachine,
  passwordClientMachine,
  refreshingClientMachine,
  refreshTokenThiefMachine,
];

/**
 * Every state machine machines/roles/*.ts exports, one per definition: a variant made with
 * `machine.provide(...)` shares its original's config and is the same machine to cover.
 */
const ROLES_DIR = new URL("../../machines/roles/", import.meta.url);
const EXPORTED: { machine: AnyStateMachine; file: string }[] = [];
for (const file of readdirSync(ROLES_DIR).filter((name) => name.endsWith(".ts")).sort()) {
  const exports: Record<string, unknown> = await import(new URL(file, ROLES_DIR).href);
  for (const value of Object.values(exports)) if (value instanceof StateMachine) EXPORTED.push({ machine: value, file });
}
const ROLE_MACHINES: { machine: AnyStateMachine; file: string }[] = [];
// Of the exports sharing one config, keep the known original (known machines first, then by file).
for (const entry of [...EXPORTED].sort((a, b) => Number(KNOWN_ROLE_MACHINES.includes(b.machine)) - Number(KNOWN_ROLE_MACHINES.includes(a.machine)))) {
  if (!ROLE_MACHINES.some(({ machine }) => machine.config === entry.machine.config)) ROLE_MACHINES.push(entry);
}

// ---------------------------------------------------------------------------------------------
// What a machine defines, and what the runs took

function guardName(guard: unknown): string {
  if (guard === undefined) return "";
  if (typeof guard === "string") return ` [${guard}]`;
  if (typeof guard === "object" && guard !== null && "type" in guard) return ` [${String((guard as { type: unknown }).type)}]`;
  return " [inline guard]";
}

/** One transition definition: its source, its event (and its place among that event's alternatives), its guard and targets. */
function transitionKey(transition: AnyTransition): string {
  const { source } = transition;
  const always = transition.eventType === "";
  const alternatives: readonly unknown[] = (always ? source.always : source.transitions.get(transition.eventType)) ?? [];
  const event = always ? "(always)" : transition.eventType;
  const targets = transition.target?.map((target) => target.id).join(", ") || "(stays)";
  return `${source.id} —${event} #${alternatives.indexOf(transition)}${guardName(transition.guard)}→ ${targets}`;
}

function definedStates(machine: AnyStateMachine): string[] {
  return getStateNodes(machine).map((node) => node.id);
}

function definedTransitions(machine: AnyStateMachine): string[] {
  const nodes = [machine.root, ...getStateNodes(machine)] as unknown as AnyStateNode[];
  return nodes.flatMap((node) => [
    ...[...node.transitions.values()].flat().map((transition) => transitionKey(transition as unknown as AnyTransition)),
    ...(node.always ?? []).map((transition) => transitionKey(transition as unknown as AnyTransition)),
  ]);
}

interface Coverage {
  readonly states: Set<string>;
  readonly transitions: Set<string>;
}

/** What the runs exercised, per machine definition (its config: the same for every `provide`d variant). */
const coverage = new Map<unknown, Coverage>();

function coverageOf(machine: AnyStateMachine): Coverage | undefined {
  return coverage.get(machine.config);
}

function recordCoverage(event: InspectionEvent): void {
  const logic = (event.actorRef as AnyActorRef & { logic?: unknown }).logic;
  if (!(logic instanceof StateMachine)) return;
  if (!coverage.has(logic.config)) coverage.set(logic.config, { states: new Set(), transitions: new Set() });
  const covered = coverage.get(logic.config)!;
  if (event.type === "@xstate.snapshot" || event.type === "@xstate.microstep") {
    for (const node of (event.snapshot as AnyMachineSnapshot)._nodes ?? []) covered.states.add(node.id);
  }
  if (event.type === "@xstate.microstep") {
    for (const transition of event._transitions as unknown as AnyTransition[]) {
      covered.transitions.add(transitionKey(transition));
      covered.states.add(transition.source.id);
    }
  }
}

beforeAll(async () => {
  for (const { flow, scenario } of RUNS) await runFlow(flow, scenario, "demo", { inspect: recordCoverage });
});

describe("the role machines", () => {
  it("are all found in machines/roles, each definition under its own machine id", () => {
    for (const known of KNOWN_ROLE_MACHINES) expect(ROLE_MACHINES.some(({ machine }) => machine === known), known.id).toBe(true);
    // A provided variant is its original, covered together.
    expect(resourceOwnerAtClientForm.config).toBe(resourceOwnerMachine.config);
    const ids = ROLE_MACHINES.map(({ machine }) => machine.id);
    expect(new Set(ids).size, `machine ids: ${ids.join(", ")}`).toBe(ids.length);
  });

  it("list every transition definition once", () => {
    for (const { machine } of ROLE_MACHINES) {
      const keys = definedTransitions(machine);
      expect(new Set(keys).size, machine.id).toBe(keys.length);
    }
  });
});

describe.for(ROLE_MACHINES.map(({ machine, file }) => ({ machine, file, name: `${machine.id} (machines/roles/${file})` })))("$name", ({ machine }) => {
  // A role machine whose flow is not registered yet has nothing to cover: skipped, with the reason.
  const unused = `no registered flow uses ${machine.id} yet`;

  it("runs in some registered flow", ({ skip }) => {
    if (!coverageOf(machine)) skip(unused);
  });

  it("has every state exercised by some flow × scenario", ({ skip }) => {
    const covered = coverageOf(machine);
    if (!covered) return skip(unused);
    const missed = definedStates(machine).filter((id) => !covered.states.has(id));
    expect(missed, `states of ${machine.id} that no scenario reaches:\n  ${missed.join("\n  ")}\n`).toEqual([]);
  });

  it("has every transition taken by some flow × scenario", ({ skip }) => {
    const covered = coverageOf(machine);
    if (!covered) return skip(unused);
    const missed = definedTransitions(machine).filter((key) => !covered.transitions.has(key));
    expect(missed, `transitions of ${machine.id} that no scenario takes:\n  ${missed.join("\n  ")}\n`).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Reachability with @xstate/graph

const ISSUER = "https://authorization-server.example";
const CLIENT_ORIGIN = "https://webapp.example";
const deliver = (message: Omit<WireMessage, "from" | "to" | "channel"> & Partial<WireMessage>): DeliverEvent => ({
  type: "DELIVER",
  message: { from: "client", to: "client", channel: "front", ...message },
});
const answer = (id: string, response: RecordedResponse) => deliver({ id, response });
const json = (status: number, body: unknown): RecordedResponse => ({ status, headers: [["content-type", "application/json"]], body: JSON.stringify(body) });

/** Every state value a traversal reaches, as state node ids. */
function reachedStates(paths: readonly { state: AnyMachineSnapshot }[]): Set<string> {
  return new Set(paths.flatMap((path) => path.state._nodes.map((node) => node.id)));
}

/** States left by an eventless transition the moment they are entered: never a resting snapshot. */
function transientStates(machine: AnyStateMachine): string[] {
  return (getStateNodes(machine) as unknown as AnyStateNode[]).filter((node) => (node.always?.length ?? 0) > 0).map((node) => node.id);
}

function expectAllStatesReached(machine: AnyStateMachine, reached: Set<string>): void {
  const transient = transientStates(machine);
  const unreached = definedStates(machine).filter((id) => !reached.has(id) && !transient.includes(id));
  expect(unreached, `states of ${machine.id} no path reaches`).toEqual([]);
}

describe("every state of the role machines is reachable (getShortestPaths)", () => {
  it("the wire: holding messages (requests at the back, replies at the front) and delivering them one WIRE.STEP at a time", () => {
    const message: WireMessage = { id: "token-request", from: "client", to: "authorizationServer", channel: "back" };
    const paths = getShortestPaths(wireMachine, {
      events: [{ type: "WIRE.SEND", message }, { type: "WIRE.REPLY", message: { ...message, id: "token-response", from: "authorizationServer", to: "client" } }, { type: "WIRE.STEP" }],
      serializeState: (snapshot) => `${JSON.stringify(snapshot.value)} queue=${snapshot.context.queue.length}`,
      stopWhen: (snapshot) => snapshot.context.queue.length >= 2,
    });
    expect(paths.map((path) => path.state.context.queue.length).sort()).toEqual([0, 1, 2]);
    // A WIRE.STEP on an empty queue changes nothing; on a full one it delivers exactly one message.
    expect(paths.find((path) => path.state.context.queue.length === 2)!.steps.map((step) => step.event.type)).toEqual(["xstate.init", "WIRE.SEND", "WIRE.SEND"]);
    expect(paths.find((path) => path.state.context.queue.length === 1)!.steps.map((step) => step.event.type)).toEqual(["xstate.init", "WIRE.SEND"]);
    expectAllStatesReached(wireMachine, reachedStates(paths));
  });

  it("the server: listening, answering, listening again", () => {
    const paths = getShortestPaths(serverMachine, {
      input: { role: "authorizationServer", fetch: () => new Promise<Response>(() => {}) },
      events: [
        deliver({ id: "token-request", to: "authorizationServer", channel: "back", request: { method: "POST", url: `${ISSUER}${ENDPOINTS.token}`, headers: [] } }),
        { type: "xstate.done.actor.0.server.answering", output: json(400, { error: "invalid_request" }) } as never,
      ],
      serializeState: (snapshot) => JSON.stringify(snapshot.value),
    });
    expectAllStatesReached(serverMachine, reachedStates(paths));
  });

  it("the resource owner: from a sign-in click or a link, to a page or an error page", async () => {
    const world = await createWorld();
    const authorize = `${ISSUER}${ENDPOINTS.authorization}?response_type=code&client_id=web-app&redirect_uri=${encodeURIComponent(`${CLIENT_ORIGIN}/callback`)}&scope=profile&state=s`;
    const loginPage = await (await world.fetch(authorize)).text();
    const events = [
      deliver({ id: "malicious-link", from: "attacker", link: authorize }),
      answer("redirect-to-authorization", { status: 302, headers: [["location", authorize]] }),
      answer("login-page", { status: 200, headers: [["content-type", "text/html"]], body: loginPage }),
      answer("error-page", { status: 400, headers: [], body: '<h1>Sign-in failed</h1><p role="alert">access_denied: no</p>' }),
      answer("signed-in-page", { status: 200, headers: [], body: "<h1>Signed in as Alice</h1>" }),
    ];
    const reached = new Set<string>();
    for (const startUrl of [`${CLIENT_ORIGIN}/login`, undefined]) {
      const paths = getShortestPaths(resourceOwnerMachine, {
        input: { startUrl, clientOrigin: CLIENT_ORIGIN, issuer: ISSUER, account: { username: "alice", password: "wonderland" }, decision: "allow" },
        events,
        serializeState: (snapshot) => JSON.stringify(snapshot.value),
      });
      for (const id of reachedStates(paths)) reached.add(id);
    }
    expectAllStatesReached(resourceOwnerMachine, reached);
  });

  it("the authorization code client: every state from sign-in to finished or failed", () => {
    const client = { client_id: "web-app", client_secret: "web-app-secret-demo-only", client_name: "Web", redirect_uris: [`${CLIENT_ORIGIN}/callback`], grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic", scope: "profile" } as const;
    const callback = (state: string) => deliver({ id: "callback", from: "resourceOwner", request: { method: "GET", url: `${CLIENT_ORIGIN}/callback?code=c&state=${state}&iss=${encodeURIComponent(ISSUER)}`, headers: [] } });
    // What can arrive in each state: the wire only delivers answers to what the client sent.
    const arriving: Record<string, readonly unknown[]> = {
      awaitingSignIn: [deliver({ id: "start-login", from: "resourceOwner", request: { method: "GET", url: `${CLIENT_ORIGIN}/login`, headers: [] } }), callback("forged")],
      preparingRequest: [{ type: "xstate.done.actor.0.authorizationCodeClient.preparingRequest", output: { state: "s", codeVerifier: undefined, codeChallenge: undefined } }],
      announcingRequest: [deliver({ id: "generate-state", channel: "local" })],
      awaitingCallback: [callback("s"), callback("forged")],
      checkingAuthorizationResponse: [deliver({ id: "verify-callback", channel: "local" })],
      exchangingCode: [answer("token-response", json(200, { access_token: "at", token_type: "Bearer" })), answer("token-error", json(400, { error: "invalid_grant" }))],
      replayingCode: [answer("token-replay-error", json(400, { error: "invalid_grant" }))],
      callingApi: [answer("api-response", json(200, { sub: "alice" })), answer("api-error", json(401, { error: "invalid_token" }))],
    };
    const reached = new Set<string>();
    for (const machine of [authorizationCodeClientMachine, authorizationCodeClientMachine.provide({ guards: { replaysCode: () => true } })]) {
      const paths = getShortestPaths(machine, {
        input: { client, issuer: ISSUER, authorizationEndpoint: `${ISSUER}${ENDPOINTS.authorization}`, tokenEndpoint: `${ISSUER}${ENDPOINTS.token}`, api: { method: "GET", url: "https://api.example/me" }, scope: "profile", pkceMethod: "none", random: createRandom("graph") },
        events: (snapshot) => (arriving[String(snapshot.value)] ?? []) as never[],
        // The same state after a passed or a failed check is not the same situation.
        serializeState: (snapshot) => `${JSON.stringify(snapshot.value)} ${snapshot.context.checks.map((check: { passed: boolean }) => (check.passed ? "✓" : "✗")).join("")}`,
      });
      for (const id of reachedStates(paths)) reached.add(id);
    }
    expectAllStatesReached(authorizationCodeClientMachine, reached);
  });

  it("the page script of the implicit flow: it reads the token, and the API lets it in or refuses it", () => {
    const arriving: Record<string, readonly DeliverEvent[]> = {
      watchingThePage: [deliver({ id: "token-read-from-url", from: "resourceOwner", to: "attacker", link: "https://legacy.example/callback#access_token=at&state=s" })],
      usingStolenToken: [answer("attacker-api-response", json(200, { sub: "alice" })), answer("attacker-api-error", json(401, { error: "invalid_token" }))],
    };
    const paths = getShortestPaths(pageScriptAttackerMachine, {
      input: { api: { method: "GET", url: "https://api.example/me" } },
      events: (snapshot) => arriving[String(snapshot.value)] ?? [],
      serializeState: (snapshot) => JSON.stringify(snapshot.value),
    });
    expectAllStatesReached(pageScriptAttackerMachine, reachedStates(paths));
  });

  it("the attacker: each of its three plans", async () => {
    const world = await createWorld();
    const client = world.clients.find((candidate) => candidate.client_id === "web-app")!;
    const authorize = `${ISSUER}${ENDPOINTS.authorization}?response_type=code&client_id=web-app&redirect_uri=${encodeURIComponent(`${CLIENT_ORIGIN}/callback`)}&state=s`;
    const loginPage = await (await world.fetch(authorize)).text();
    const callback = `${CLIENT_ORIGIN}/callback?code=c&state=s`;
    const arriving: Record<string, readonly DeliverEvent[]> = {
      gettingOwnCode: [answer("attacker-login-page", { status: 200, headers: [["content-type", "text/html"]], body: loginPage })],
      signingIn: [answer("attacker-authorization-response", { status: 303, headers: [["location", callback]] })],
      watchingForRedirects: [deliver({ id: "code-intercepted", from: "resourceOwner", to: "attacker", link: callback })],
      redeemingCode: [answer("attacker-token-response", json(200, { access_token: "stolen", token_type: "Bearer" })), answer("attacker-token-error", json(400, { error: "invalid_grant" }))],
      usingStolenToken: [answer("attacker-api-response", json(200, { sub: "alice" }))],
    };
    const reached = new Set<string>();
    for (const plan of ["lure", "csrf", "intercept"] as const) {
      const paths = getShortestPaths(attackerMachine, {
        input: { plan, link: authorize, client, authorizationEndpoint: `${ISSUER}${ENDPOINTS.authorization}`, tokenEndpoint: `${ISSUER}${ENDPOINTS.token}`, account: { username: "mallory", password: "evil" }, api: { method: "GET", url: "https://api.example/me" } },
        events: (snapshot) => arriving[String(snapshot.value)] ?? [],
        serializeState: (snapshot) => JSON.stringify(snapshot.value),
      });
      for (const id of reachedStates(paths)) reached.add(id);
    }
    expectAllStatesReached(attackerMachine, reached);
  });
});
