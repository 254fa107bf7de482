import type { AuthenticatedClient } from "../../client-auth";
import type { ServerContext } from "../../context";
import type { OAuthError } from "../../errors";
import type { Params } from "../../http";
import type { TokenResponse } from "../../tokens";

/**
 * One grant type of the token endpoint (RFC 6749 §4, RFC 8628 §3.4): its registered name, the
 * parameters it reads (each may appear once, RFC 6749 §3.2), and its handler.
 */
export interface GrantType {
  readonly grantType: string;
  readonly parameters: readonly string[];
  readonly handler: (context: ServerContext, client: AuthenticatedClient, params: Params) => Promise<TokenResponse | OAuthError>;
}
