/**
 * The server policy switches scenarios flip. Defaults follow DESIGN.md "Defaults of createWorld()".
 */
export interface WorldPolicy {
  /** RFC 7636 + RFC 9700 §2.1.1: who must send a code_challenge. "off" is the vulnerable server that ignores PKCE. */
  readonly pkce: "public" | "all" | "off";
  /** RFC 7636 §4.2 allows `plain`; OAuth 2.1 practice is S256 only. */
  readonly allowPlainPkce: boolean;
  /** RFC 9700 §4.14.2: public clients' refresh tokens rotate with reuse detection. */
  readonly refreshTokenRotation: "public" | "all" | "off";
  /** RFC 9068 JWTs, or opaque strings the resource server must introspect (RFC 7662). */
  readonly accessTokenFormat: "jwt" | "opaque";
  /** OAuth 2.1 mode: refuses the implicit and password grants. */
  readonly oauth21: boolean;
  readonly lifetimes: {
    /** RFC 6749 §4.1.2: "a maximum authorization code lifetime of 10 minutes is RECOMMENDED". */
    readonly code: number;
    readonly accessToken: number;
    /** RFC 9700 §4.14.2: refresh tokens SHOULD expire. */
    readonly refreshToken: number;
    readonly deviceCode: number;
  };
  /** RFC 8628 §3.2: the minimum seconds between polls; 5 when the server says nothing. */
  readonly deviceInterval: number;
}

export interface WorldOptions extends Partial<Omit<WorldPolicy, "lifetimes">> {
  seed?: string;
  /** Epoch seconds the simulated clock starts at. */
  startTime?: number;
  lifetimes?: Partial<WorldPolicy["lifetimes"]>;
}

export const DEFAULT_POLICY: WorldPolicy = {
  pkce: "public",
  allowPlainPkce: true,
  refreshTokenRotation: "public",
  accessTokenFormat: "jwt",
  oauth21: false,
  lifetimes: { code: 60, accessToken: 900, refreshToken: 86_400, deviceCode: 600 },
  deviceInterval: 5,
};

export function resolvePolicy(options: WorldOptions = {}): WorldPolicy {
  return {
    pkce: options.pkce ?? DEFAULT_POLICY.pkce,
    allowPlainPkce: options.allowPlainPkce ?? DEFAULT_POLICY.allowPlainPkce,
    refreshTokenRotation: options.refreshTokenRotation ?? DEFAULT_POLICY.refreshTokenRotation,
    accessTokenFormat: options.accessTokenFormat ?? DEFAULT_POLICY.accessTokenFormat,
    oauth21: options.oauth21 ?? DEFAULT_POLICY.oauth21,
    lifetimes: { ...DEFAULT_POLICY.lifetimes, ...options.lifetimes },
    deviceInterval: options.deviceInterval ?? DEFAULT_POLICY.deviceInterval,
  };
}
