/** Authorization server metadata (RFC 8414 §2, §3) and the JWKS it points to (RFC 7517). */
import type { ServerContext } from "../context";
import { ENDPOINTS } from "../context";

import { PUBLIC_JWK } from "../tokens";
import { supportedGrantTypes } from "./token";

export function authorizationServerMetadata(context: ServerContext): Record<string, unknown> {
  const at = (path: string) => `${context.issuer}${path}`;
  const grantTypes = supportedGrantTypes(context);
  const implicit = !context.policy.oauth21;
  const authMethods = ["client_secret_basic", "client_secret_post", "none"];
  return {
    issuer: context.issuer,
    authorization_endpoint: at(ENDPOINTS.authorization),
    token_endpoint: at(ENDPOINTS.token),
    jwks_uri: at(ENDPOINTS.jwks),
    response_types_supported: implicit ? ["code", "token"] : ["code"],
    response_modes_supported: implicit ? ["query", "fragment"] : ["query"],
    grant_types_supported: implicit ? [...grantTypes, "implicit"] : grantTypes,
    scopes_supported: context.scopes,
    token_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint: at(ENDPOINTS.revocation),
    revocation_endpoint_auth_methods_supported: authMethods,
    introspection_endpoint: at(ENDPOINTS.introspection),
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    device_authorization_endpoint: at(ENDPOINTS.deviceAuthorization),
    // RFC 9700 §2.1.1: publishing the PKCE methods signals support. Absent when PKCE is off.
    ...(context.policy.pkce === "off" ? {} : { code_challenge_methods_supported: context.policy.allowPlainPkce ? ["S256", "plain"] : ["S256"] }),
    // RFC 9207 §3: clients can rely on iss in every authorization response.
    authorization_response_iss_parameter_supported: true,
    service_documentation: "https://oauth-flow-simulator.example/",
  };
}

/** RFC 8414 §3: GET the metadata as JSON. Public and cacheable, so no no-store here. */
export function handleMetadata(context: ServerContext): Response {
  return new Response(JSON.stringify(authorizationServerMetadata(context)), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" },
  });
}

export function handleJwks(): Response {
  return new Response(JSON.stringify({ keys: [PUBLIC_JWK] }), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" },
  });
}

