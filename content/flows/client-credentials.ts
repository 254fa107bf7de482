/**
 * Narration of the client credentials grant (RFC 6749 §4.4) for the back-end service
 * `inventory-service`, and of its scenarios: a wrong secret, a scope it is not registered for, and
 * a read-only token used to write.
 */
import type { FlowNarration } from "@/content/narration";
import { apiError } from "./shared";

export const clientCredentialsNarration: FlowNarration = {
  steps: {
    "client-credentials-request": {
      what: "The warehouse sync service posts grant_type=client_credentials and scope=inventory:read to the token endpoint, authenticating with its client_id and client_secret in the form body (client_secret_post).",
      why: "No person is involved: the service acts on its own behalf, so its own credentials are the whole grant (RFC 6749 §4.4). Only a confidential client, one that can keep a secret, may use this grant.",
      without: "Without its own token the service would need a shared API key baked into every call, with no scope, no expiry, and no central place to revoke it.",
    },
    "token-response": {
      what: "The authorization server answers 200 with a JWT access token whose subject is the service itself (sub = client_id), valid 900 seconds, with scope inventory:read — and no refresh token.",
      why: "RFC 6749 §4.4.3: a refresh token SHOULD NOT be issued here; the service can simply authenticate again when its token expires.",
      without: "A refresh token would add nothing but another long-lived credential to protect.",
    },
    "token-error": {
      what: "The authorization server refuses the token request with a JSON error (RFC 6749 §5.2): invalid_client when authentication fails, invalid_scope when the scope is not one this client may have.",
      why: "The token endpoint authenticates the client first and then checks what it asks for; either failure stops the grant.",
      without: "A server that issued tokens anyway would hand out access to anyone who knew a client_id.",
    },
    "api-request": {
      what: "The service calls GET https://api.example/inventory with the access token in an Authorization: Bearer header.",
      why: "The bearer token stands in for the service's credentials at the API: the API never sees the client secret.",
      without: "Sending the client secret to every API would spread it to every server the service talks to.",
    },
    "api-response": {
      what: "The resource server verifies the token (signature, issuer, audience, expiry), finds inventory:read, which GET /inventory needs, and answers 200 with the stock levels.",
      why: "The resource server decides on the token's scope, not on who the client is: the same rule applies to every caller.",
      without: "An API that skipped the scope check would let a read-only service change data.",
    },
    "api-error": apiError,
  },
  scenarios: {
    "wrong-secret": {
      "client-credentials-request": {
        what: "The service sends an old client secret — a secret rotated at the server but not yet deployed to the service, say.",
        why: "Client authentication at the token endpoint is the only thing standing between a client_id, which is not secret, and a token.",
        without: "If the server did not check the secret, anyone who knew the client_id could get the service's tokens.",
      },
      "token-error": {
        what: "The authorization server answers 401 invalid_client: client authentication failed.",
        why: "RFC 6749 §5.2: a failed client authentication is invalid_client, answered with 401. The server gives no hint about which part was wrong.",
        without: "An error that said “right client, wrong secret” would help an attacker guessing secrets, who would learn that the client_id exists.",
      },
    },
    "scope-not-allowed": {
      "client-credentials-request": {
        what: "The service asks for scope=order — access to customers' orders — which it was never registered for; it may have inventory:read and inventory:write only.",
        why: "Each client is registered with the scopes it may ever ask for; a request beyond them is refused outright, not trimmed.",
        without: "If any client could ask for any scope, one compromised service would open every API in the organisation.",
      },
      "token-error": {
        what: "The authorization server answers 400 invalid_scope: the requested scope is not within what this client may request.",
        why: "RFC 6749 §5.2: invalid_scope when the scope is unknown, malformed or exceeds what the client was granted.",
        without: "Silently issuing a token with a different scope would leave the service to find out at the API, with a less helpful error.",
      },
    },
    "insufficient-scope": {
      "api-request": {
        what: "The service calls the inventory API twice with the same token, scope inventory:read: first GET /inventory, which needs inventory:read, then POST /inventory, which needs inventory:write.",
        why: "The service asked only for what it usually needs (least privilege); now it tries to do more with that token.",
        without: "With one all-powerful token for every job, a leak of the read-only token would also allow writes.",
      },
      "api-response": {
        what: "The read succeeds: inventory:read covers GET /inventory, so the API answers 200 with the stock levels.",
        why: "Each endpoint needs one scope, and this one is in the token.",
        without: "Without per-endpoint scopes, the API could only say yes or no to the token as a whole.",
      },
      "api-error": {
        what: "The write is refused: 403 insufficient_scope, and WWW-Authenticate names the scope it needs, inventory:write. The token is valid; it just does not allow this.",
        why: "RFC 6750 §3.1: 403 insufficient_scope tells the client that a fresh token with the same scope will not help. The service must ask the authorization server for inventory:write, which it is registered for.",
        without: "A 401 would send the service to fetch the same read-only token again, and fail again, in a loop.",
      },
    },
  },
};
