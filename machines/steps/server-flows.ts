/**
 * Steps of the client credentials, refresh token and device flows not already in browser-flows.ts
 * (RFC 6749 §4.4, §6; RFC 7009; RFC 8628; RFC 9700 §4.14). Token answers, API calls and the
 * sign-in page reuse the ids of browser-flows.ts: they are the same kind of step.
 */
import type { Replies, StepKind } from "./kinds";
import { rfc } from "./kinds";

export const SERVER_FLOW_STEPS = {
  // Client credentials (RFC 6749 §4.4)
  "client-credentials-request": { title: "Client authenticates and asks for a token for itself", reference: rfc("6749", "4.4.2") },
  // Refresh token (RFC 6749 §6, RFC 9700 §4.14)
  "refresh-request": { title: "Client trades its refresh token for a new access token", reference: rfc("6749", "6") },
  "refresh-token-stolen": { title: "Injected script sends the refresh token to the attacker", reference: rfc("9700", "4.14") },
  "attacker-refresh-request": { title: "Attacker redeems the stolen refresh token", reference: rfc("9700", "4.14.2") },
  "attacker-refresh-response": { title: "Authorization server gives the attacker fresh tokens", reference: rfc("9700", "4.14.2") },
  "attacker-refresh-error": { title: "Authorization server refuses the stolen refresh token", reference: rfc("9700", "4.14.2") },
  // Token revocation (RFC 7009)
  "revocation-request": { title: "Client signs out and revokes its token", reference: rfc("7009", "2.1") },
  "revocation-response": { title: "Authorization server confirms the revocation", reference: rfc("7009", "2.2") },
  "revocation-error": { title: "Authorization server refuses the revocation request", reference: rfc("7009", "2.2.1") },
  // Device authorization grant (RFC 8628)
  "device-authorization-request": { title: "Device asks for a device code and a user code", reference: rfc("8628", "3.1") },
  "device-authorization-response": { title: "Authorization server issues the device code, user code and verification URI", reference: rfc("8628", "3.2") },
  "device-authorization-error": { title: "Authorization server refuses the device authorization request", reference: rfc("8628", "3.2") },
  "show-user-code": { title: "Device shows the user code and where to enter it", reference: rfc("8628", "3.3") },
  "open-verification-uri": { title: "Person opens the verification page on their phone", reference: rfc("8628", "3.3") },
  "verification-page-error": { title: "Authorization server cannot show the verification page", reference: rfc("8628", "3.3") },
  "device-consent": { title: "Person checks the code, signs in and decides", reference: rfc("8628", "3.3") },
  "device-consent-result": { title: "Authorization server tells the person to return to the device", reference: rfc("8628", "3.3") },
  "device-token-request": { title: "Device polls the token endpoint", reference: rfc("8628", "3.4") },
  "device-token-error": { title: "Authorization server answers the poll: pending, slow down, denied or expired", reference: rfc("8628", "3.5") },
} satisfies Record<string, StepKind>;

export const SERVER_FLOW_REPLIES: Record<string, Replies> = {
  "client-credentials-request": { ok: "token-response", error: "token-error" },
  "refresh-request": { ok: "token-response", error: "token-error" },
  "attacker-refresh-request": { ok: "attacker-refresh-response", error: "attacker-refresh-error" },
  "revocation-request": { ok: "revocation-response", error: "revocation-error" },
  "device-authorization-request": { ok: "device-authorization-response", error: "device-authorization-error" },
  "open-verification-uri": { ok: "login-page", error: "verification-page-error" },
  "device-consent": { ok: "device-consent-result", error: "consent-rejected" },
  "device-token-request": { ok: "token-response", error: "device-token-error" },
};
