/**
 * The authorization server's memory: grants, codes, tokens, device authorizations and failed
 * attempts. Every record expires on the simulated clock and is swept, so memory stays flat however
 * many flows run.
 */
import type { CodeChallengeMethod } from "./pkce";

/** One authorization a resource owner (or, for client_credentials, the client itself) gave. */
export interface Grant {
  readonly id: string;
  readonly clientId: string;
  readonly sub: string;
  revoked: boolean;
  /** The latest expiry of anything issued under this grant; the grant is swept after it. */
  keepUntil: number;
}

export interface AuthorizationCode {
  readonly clientId: string;
  /** Where the authorization response went: the redirect_uri as sent, or the single registered one. */
  readonly redirectUri: string;
  /** Whether the authorization request carried redirect_uri, which makes it required at the token endpoint (RFC 6749 §4.1.3). */
  readonly redirectUriSent: boolean;
  readonly scope: readonly string[];
  readonly grantId: string;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: CodeChallengeMethod | undefined;
  readonly expiresAt: number;
  consumed: boolean;
}

export interface AccessTokenRecord {
  readonly jti: string;
  readonly clientId: string;
  readonly sub: string;
  readonly scope: readonly string[];
  readonly iat: number;
  readonly exp: number;
  readonly grantId: string;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  readonly clientId: string;
  readonly sub: string;
  /** RFC 6749 §6: the scope the resource owner granted; a refresh may narrow it, never widen it. */
  readonly scope: readonly string[];
  readonly grantId: string;
  readonly exp: number;
  /** RFC 9700 §4.14.2: set once the token has been rotated; presenting it again is reuse. */
  rotated: boolean;
}

export type DeviceAuthorizationStatus = "pending" | "approved" | "denied" | "consumed";

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly scope: readonly string[];
  readonly expiresAt: number;
  interval: number;
  lastPollAt: number | undefined;
  status: DeviceAuthorizationStatus;
  sub: string | undefined;
  grantedScope: readonly string[] | undefined;
  grantId: string | undefined;
}

interface AttemptWindow {
  count: number;
  windowEnd: number;
}

/** How often, in simulated seconds, the store looks for expired records. */
const SWEEP_EVERY = 30;

export class Store {
  readonly grants = new Map<string, Grant>();
  readonly codes = new Map<string, AuthorizationCode>();
  /** Keyed by the access token string itself, whatever its format. */
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly deviceAuthorizations = new Map<string, DeviceAuthorization>();
  /** Normalised user_code → device_code. */
  readonly userCodes = new Map<string, string>();
  readonly failedAttempts = new Map<string, AttemptWindow>();
  private lastSweep = Number.NEGATIVE_INFINITY;

  /** Extend a grant's life to cover something issued under it. */
  touchGrant(grantId: string, until: number): void {
    const grant = this.grants.get(grantId);
    if (grant && grant.keepUntil < until) grant.keepUntil = until;
  }

  isGrantActive(grantId: string): boolean {
    return this.grants.get(grantId)?.revoked === false;
  }

  /** RFC 6749 §10.5, RFC 9700 §4.14.2: revoke a grant and with it every token issued under it. */
  revokeGrant(grantId: string): void {
    const grant = this.grants.get(grantId);
    if (grant) grant.revoked = true;
  }

  /** Count a failed attempt for `key`; returns the attempts in the current window. */
  recordFailure(key: string, now: number, window: number): number {
    const current = this.failedAttempts.get(key);
    if (!current || current.windowEnd <= now) {
      this.failedAttempts.set(key, { count: 1, windowEnd: now + window });
      return 1;
    }
    current.count += 1;
    return current.count;
  }

  /** Seconds until `key` may try again, or 0 when it is under `limit` failures. */
  lockedFor(key: string, now: number, limit: number): number {
    const current = this.failedAttempts.get(key);
    if (!current || current.windowEnd <= now || current.count < limit) return 0;
    return current.windowEnd - now;
  }

  /** Drop everything that has expired, at most once every SWEEP_EVERY simulated seconds. */
  sweep(now: number, deviceCodeGrace: number): void {
    if (now - this.lastSweep < SWEEP_EVERY) return;
    this.lastSweep = now;
    for (const [id, grant] of this.grants) if (grant.keepUntil <= now) this.grants.delete(id);
    for (const [code, record] of this.codes) {
      // A consumed code is kept while its grant lives, so a replay can still revoke the tokens (RFC 6749 §10.5).
      // An unconsumed one is kept a minute past expiry so a late exchange hears "expired", not "invalid".
      const keepUntil = record.consumed ? Math.max(record.expiresAt, this.grants.get(record.grantId)?.keepUntil ?? 0) : record.expiresAt + 60;
      if (keepUntil <= now) this.codes.delete(code);
    }
    for (const [token, record] of this.accessTokens) if (record.exp <= now) this.accessTokens.delete(token);
    for (const [token, record] of this.refreshTokens) if (record.exp <= now) this.refreshTokens.delete(token);
    for (const [deviceCode, record] of this.deviceAuthorizations) {
      // Expired device codes are remembered a while longer to answer expired_token (RFC 8628 §3.5).
      const keepUntil = Math.max(record.expiresAt + deviceCodeGrace, record.grantId ? (this.grants.get(record.grantId)?.keepUntil ?? 0) : 0);
      if (keepUntil <= now) {
        this.deviceAuthorizations.delete(deviceCode);
        if (this.userCodes.get(record.userCode) === deviceCode) this.userCodes.delete(record.userCode);
      }
    }
    for (const [key, window] of this.failedAttempts) if (window.windowEnd <= now) this.failedAttempts.delete(key);
  }

  /** How many records of each kind the store holds: the benchmark watches that this stays flat. */
  size(): Record<string, number> {
    return {
      grants: this.grants.size,
      codes: this.codes.size,
      accessTokens: this.accessTokens.size,
      refreshTokens: this.refreshTokens.size,
      deviceAuthorizations: this.deviceAuthorizations.size,
      userCodes: this.userCodes.size,
      failedAttempts: this.failedAttempts.size,
    };
  }
}
