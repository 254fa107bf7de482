/**
 * The authorization code grant with PKCE (RFC 6749 §4.1 + RFC 7636) for a public client: a
 * single-page or mobile app that holds no secret and proves, at the token endpoint, that it is the
 * app that started the sign-in.
 */
import { enqueueActions, fromPromise, setup } from "xstate";
import { attackerMachine } from "../roles/attacker";
import { authorizationCodeClientMachine } from "../roles/authorization-code-client";
import { wireSend } from "../roles/messages";
import { resourceOwnerMachine } from "../roles/resource-owner";
import { computeCodeChallenge } from "../world/pkce";
import type { Random } from "../world/random";
import { base64url } from "../world/random";
import { clientOf, endpointsOf } from "./authorization-code";
import { infrastructure, INFRASTRUCTURE_ACTORS } from "./compose";
import type { Scenario } from "./types";
import { defineFlow } from "./types";

export interface AuthorizationCodePkceScenario extends Scenario {
  /** RFC 7636 §4.2: the transformation; S256 unless the scenario is about `plain`. */
  readonly pkceMethod?: "S256" | "plain";
  /** A malicious app on the device also receives the redirect with the code (RFC 7636 §1). */
  readonly codeIntercepted?: boolean;
  /** The client sends a code_verifier that is not the one its challenge was computed from. */
  readonly sendsWrongVerifier?: boolean;
  /** The API the client calls (default GET /me). */
  readonly apiPath?: string;
}

const CLIENT_ID = "spa";

interface PreparedRequest {
  readonly state: string;
  readonly codeVerifier: string | undefined;
  readonly codeChallenge: string | undefined;
}

/**
 * A client that loses its code_verifier between the redirect and the callback (another tab's
 * sign-in overwrote it in storage, say): the challenge went out for one verifier, and a fresh
 * verifier is what it sends to the token endpoint. RFC 7636 §4.6: the server refuses.
 */
const prepareWithLostVerifier = fromPromise<PreparedRequest, { random: Random; pkceMethod: "S256" | "plain" | "none" }>(async ({ input }) => {
  const state = base64url(input.random.bytes(16));
  const method = input.pkceMethod === "none" ? "S256" : input.pkceMethod;
  const sentVerifier = base64url(input.random.bytes(32));
  const codeChallenge = await computeCodeChallenge(sentVerifier, method);
  const keptVerifier = base64url(input.random.bytes(32));
  return { state, codeVerifier: keptVerifier, codeChallenge };
});

export const authorizationCodePkceFlow = defineFlow<AuthorizationCodePkceScenario>({
  id: "authorization-code-pkce",
  title: "Authorization code with PKCE",
  deprecated: false,
  roles: ["resourceOwner", "client", "authorizationServer", "resourceServer", "attacker"],
  scenarios: [
    {
      id: "default",
      title: "A single-page app signs the person in with PKCE (S256)",
      expected: [{ role: "client", kind: "resource", result: "200" }],
    },
    {
      id: "code-intercepted-pkce-off",
      title: "A malicious app intercepts the code, and the server does not check PKCE",
      world: { pkce: "off" },
      codeIntercepted: true,
      expected: [
        { role: "client", kind: "error", result: "invalid_grant" },
        { role: "attacker", kind: "resource", result: "200" },
      ],
    },
    {
      id: "code-intercepted-pkce-on",
      title: "A malicious app intercepts the code, but without the code_verifier it is useless",
      codeIntercepted: true,
      expected: [
        { role: "client", kind: "resource", result: "200" },
        { role: "attacker", kind: "error", result: "invalid_grant" },
      ],
    },
    {
      id: "wrong-verifier",
      title: "The app sends a code_verifier that does not hash to its code_challenge",
      sendsWrongVerifier: true,
      expected: [{ role: "client", kind: "error", result: "invalid_grant" }],
    },
    {
      id: "plain-method",
      title: "The plain method: it works, but the challenge that crosses the browser is the verifier itself",
      pkceMethod: "plain",
      expected: [{ role: "client", kind: "resource", result: "200" }],
    },
    {
      id: "insufficient-scope",
      title: "The person allows profile only; the app's call to GET /orders gets 403 insufficient_scope",
      grantedScope: ["profile"],
      apiPath: "/orders",
      expected: [{ role: "client", kind: "error", result: "insufficient_scope" }],
    },
  ],
  createMachine({ world, random }, scenario) {
    const client = clientOf(world, CLIENT_ID);
    const clientOrigin = new URL(client.redirect_uris[0]!).origin;
    const api = { method: "GET", url: `${world.resourceServer}${scenario.apiPath ?? "/me"}` };
    const clientLogic = authorizationCodeClientMachine.provide({
      actors: scenario.sendsWrongVerifier ? { prepareAuthorizationRequest: prepareWithLostVerifier } : {},
      actions: {
        /** The generated values, with the check that shows what S256 is for (RFC 7636 §4.2, §7.2). */
        announcePreparedRequest: enqueueActions(({ context, enqueue, system }) => {
          const verifier = context.codeVerifier!;
          const challenge = context.codeChallenge!;
          enqueue.sendTo(
            system.get("wire"),
            wireSend({
              id: "generate-pkce",
              from: "client",
              to: "client",
              channel: "local",
              computed: [
                { kind: "state", value: context.state!, where: "computed" },
                { kind: "code_verifier", value: verifier, where: "computed" },
                { kind: "code_challenge", value: challenge, where: "computed" },
              ],
              checks: [
                {
                  id: "challenge-hides-verifier",
                  by: "client",
                  label: "the code_challenge that will cross the browser does not reveal the code_verifier",
                  passed: challenge !== verifier,
                  expected: "BASE64URL(SHA-256(code_verifier)) (S256)",
                  actual: challenge === verifier ? "the code_verifier itself (plain)" : `${challenge} (${context.pkceMethod})`,
                },
              ],
            }),
          );
        }),
      },
    });
    return setup({
      actors: {
        ...INFRASTRUCTURE_ACTORS,
        resourceOwner: resourceOwnerMachine,
        client: clientLogic,
        attacker: attackerMachine,
      },
    }).createMachine({
      id: "authorization-code-pkce",
      description: "Resource owner, public app, authorization server and API, linked by the wire",
      invoke: [
        ...infrastructure(world),
        {
          src: "client",
          systemId: "client",
          input: { client, issuer: world.issuer, ...endpointsOf(world), api, scope: "profile order", pkceMethod: scenario.pkceMethod ?? "S256", random },
        },
        ...(scenario.codeIntercepted
          ? [
              {
                src: "attacker" as const,
                systemId: "attacker",
                input: { plan: "intercept" as const, client, ...endpointsOf(world), account: { username: "mallory", password: "evil" }, api },
              },
            ]
          : []),
        {
          src: "resourceOwner",
          systemId: "resourceOwner",
          input: {
            startUrl: `${clientOrigin}/login`,
            clientOrigin,
            ...(scenario.codeIntercepted ? { leakRedirectsTo: "attacker" as const } : {}),
            issuer: world.issuer,
            account: { username: "alice", password: "wonderland" },
            decision: "allow" as const,
            ...(scenario.grantedScope ? { grantedScope: scenario.grantedScope } : {}),
          },
        },
      ],
    });
  },
});
