/**
 * OAuth errors as data: the registered error code, a human description and the HTTP status the
 * RFC asks for. Handlers return these; only the HTTP layer turns them into responses.
 */
export type OAuthErrorCode =
  // RFC 6749 §4.1.2.1, §4.2.2.1 (authorization endpoint) and §5.2 (token endpoint)
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "access_denied"
  | "server_error"
  | "temporarily_unavailable"
  // RFC 7009 §2.2.1
  | "unsupported_token_type"
  // RFC 8628 §3.5
  | "authorization_pending"
  | "slow_down"
  | "expired_token"
  // RFC 6750 §3.1
  | "invalid_token"
  | "insufficient_scope"
  // RFC 7591 §3.2.2, used for the error page when a redirect URI is not registered
  | "invalid_redirect_uri";

export interface OAuthError {
  readonly error: OAuthErrorCode;
  readonly error_description: string;
  readonly status: number;
  /** Headers the response must carry: WWW-Authenticate (RFC 6749 §5.2, RFC 6750 §3), Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * RFC 6749 §5.2: error and error_description use only %x20-21 / %x23-5B / %x5D-7E, which is also
 * what a quoted WWW-Authenticate value can hold without escaping. Anything else becomes "?".
 */
export function errorText(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, "?");
}

export function oauthError(
  error: OAuthErrorCode,
  description: string,
  status = 400,
  headers?: Readonly<Record<string, string>>,
): OAuthError {
  return headers ? { error, error_description: errorText(description), status, headers } : { error, error_description: errorText(description), status };
}

export function isOAuthError(value: unknown): value is OAuthError {
  return typeof value === "object" && value !== null && "error" in value && "status" in value;
}
