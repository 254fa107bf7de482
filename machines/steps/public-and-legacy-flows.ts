/**
 * Steps of the PKCE, implicit and password flows not already in browser-flows.ts. The PKCE flow
 * needs none of its own: every step it records is a step of the authorization code flow. Token
 * revocation on sign-out (revocation-request / -response / -error, RFC 7009) is the same kind of
 * step as in the refresh token flow, so it reuses the ids of server-flows.ts.
 */
import type { Replies, StepKind } from "./kinds";
import { rfc } from "./kinds";

export const PUBLIC_AND_LEGACY_FLOW_STEPS = {
  // The implicit grant (RFC 6749 §4.2): the token comes back in the URL fragment
  "read-fragment": { title: "The page's script reads the access token from the URL fragment", reference: rfc("6749", "4.2") },
  "script-reads-fragment": { title: "Another script on the page reads the access token from the address bar", reference: rfc("9700", "4.3.2") },
  // The resource owner password credentials grant (RFC 6749 §4.3): the client asks for the password
  "client-login-page": { title: "Client shows its own sign-in form, asking for the password", reference: rfc("6749", "4.3") },
  "enter-password": { title: "Resource owner types their password into the client's form", reference: rfc("6749", "4.3") },
  "password-token-request": { title: "Client sends the person's username and password to the token endpoint", reference: rfc("6749", "4.3.2") },
} satisfies Record<string, StepKind>;

export const PUBLIC_AND_LEGACY_FLOW_REPLIES: Record<string, Replies> = {
  "password-token-request": { ok: "token-response", error: "token-error" },
};
