/**
 * Authenticating the resource owner: at the consent page, the device verification page and in
 * the password grant.
 */
import type { ServerContext } from "./context";
import type { DemoUser } from "./demo-data";
import { timingSafeEqual } from "./pkce";

/** RFC 6749 §4.3.2 and §10.10: the server MUST protect against brute force on user passwords. */
export const MAX_FAILED_LOGINS = 5;
export const LOGIN_WINDOW = 60;

export type LoginResult =
  | { readonly ok: true; readonly user: DemoUser }
  | { readonly ok: false; readonly reason: string; readonly retryAfter?: number };

export function authenticateResourceOwner(
  context: ServerContext,
  username: string | undefined,
  password: string | undefined,
): LoginResult {
  if (username === undefined || password === undefined) return { ok: false, reason: "enter a username and password" };
  const now = context.clock.now();
  const key = `user:${username}`;
  const retryAfter = context.store.lockedFor(key, now, MAX_FAILED_LOGINS);
  if (retryAfter > 0) return { ok: false, reason: `too many failed sign-ins; try again in ${retryAfter} seconds`, retryAfter };
  const user = context.users.find((candidate) => candidate.username === username);
  if (!user || !timingSafeEqual(password, user.password)) {
    context.store.recordFailure(key, now, LOGIN_WINDOW);
    return { ok: false, reason: "wrong username or password" };
  }
  return { ok: true, user };
}
