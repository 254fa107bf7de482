"use client";

import { cn } from "@/components/ui/cn";
import type { Failure, Verification } from "@/machines/jwt-inspect";
import { ACCESS_TOKEN_TYP, decodeAccessToken, DEMO_JWKS, describeExpiry, EXPECTED_AUDIENCE, EXPECTED_ISSUER, formatEpoch, tokenTimes, verifyAccessToken } from "@/machines/jwt-inspect";
import { CodeBlock } from "./code-block";
import { StatusBadge } from "./status-badge";
import { useAsync } from "./use-async";

/** One access token: its format, header and claims, its lifetime in simulated time, and whether it verifies. */
export function TokenCard({ token, where, time }: { token: string; where: string; time: number }) {
  const decoded = decodeAccessToken(token);
  return (
    <article aria-label="Access token" className="space-y-3 rounded-xl border border-line bg-surface-raised p-3 sm:p-4">
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-foreground">Access token</h3>
        <span className="rounded-full border border-line bg-accent-soft px-2 py-0.5 text-xs font-medium text-foreground">
          {decoded.format === "jwt" ? "JWT (RFC 9068)" : decoded.format === "opaque" ? "Opaque" : "Malformed JWT"}
        </span>
        <span className="text-xs text-muted">{where}</span>
      </header>
      {decoded.format === "jwt" ? (
        <>
          <VerificationResult token={token} time={time} />
          <Lifetime claims={decoded.claims} time={time} />
          <div className="grid gap-3 @lg:grid-cols-2">
            <JsonBlock title="Header" value={decoded.header} />
            <JsonBlock title="Claims" value={decoded.claims} />
          </div>
          <TokenSegments segments={decoded.segments} />
          <JwksDetails />
          <p className="rounded-lg border border-amber-600/40 bg-amber-50 px-3 py-2 text-xs leading-5 text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
            The simulator&apos;s signing key is <strong>published on purpose</strong> (its public half in the JWKS above, its private half in the site&apos;s
            source) so you can verify these tokens anywhere. That also means anyone can forge them: a real authorization server keeps its private key secret
            and rotates it.
          </p>
        </>
      ) : decoded.format === "opaque" ? (
        <>
          <CodeBlock label="The access token">{token}</CodeBlock>
          <p className="text-sm leading-6 text-foreground">
            This token is <strong>opaque</strong>: a random string with nothing to decode. The resource server cannot read it; it asks the authorization server
            what it means through token introspection (RFC 7662).
          </p>
        </>
      ) : (
        <>
          <CodeBlock label="The access token">{token}</CodeBlock>
          <p className="text-sm text-foreground">It has three parts like a JWT but does not decode: {decoded.reason}</p>
        </>
      )}
    </article>
  );
}

const SEGMENT_STYLE = ["text-role-owner", "text-role-as", "text-role-rs"] as const;
const SEGMENT_NAMES = ["header", "payload", "signature"] as const;

/** The compact serialisation, its three base64url parts told apart by colour and by a legend. */
function TokenSegments({ segments }: { segments: readonly [string, string, string] }) {
  return (
    <details className="rounded-lg border border-line">
      <summary className="cursor-pointer rounded-lg px-3 py-1.5 text-xs font-medium text-foreground select-none hover:bg-surface">Encoded token (header.payload.signature)</summary>
      <div className="space-y-1 border-t border-line p-2">
        <CodeBlock label="The encoded access token" className="border-0">
          {segments.map((segment, i) => (
            <span key={SEGMENT_NAMES[i]}>
              {i > 0 ? "." : null}
              <span className={SEGMENT_STYLE[i]}>{segment}</span>
            </span>
          ))}
        </CodeBlock>
        <p className="flex flex-wrap gap-x-3 text-xs text-muted">
          {SEGMENT_NAMES.map((name, i) => (
            <span key={name} className={cn("font-medium", SEGMENT_STYLE[i])}>
              {i + 1}. {name}
            </span>
          ))}
        </p>
      </div>
    </details>
  );
}

function JsonBlock({ title, value }: { title: string; value: object }) {
  return (
    <div className="min-w-0 space-y-1">
      <h4 className="text-xs font-semibold tracking-wide text-muted uppercase">{title}</h4>
      <CodeBlock label={`Token ${title.toLowerCase()}`}>{JSON.stringify(value, null, 2)}</CodeBlock>
    </div>
  );
}

function Lifetime({ claims, time }: { claims: { iat?: number; exp?: number }; time: number }) {
  const times = tokenTimes(claims, time);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-lg bg-surface px-3 py-2 text-xs leading-5">
      <dt className="text-muted">At this step</dt>
      <dd className={cn("font-semibold", times.expired ? "text-red-700 dark:text-red-300" : "text-foreground")}>
        {times.expired ? "⚠ " : null}
        {describeExpiry(times)}
      </dd>
      <dt className="text-muted">Simulated time now</dt>
      <dd className="font-mono text-foreground">{formatEpoch(time)}</dd>
      {times.iat !== undefined ? (
        <>
          <dt className="text-muted">
            Issued <code className="font-mono">iat</code>
          </dt>
          <dd className="font-mono text-foreground">{formatEpoch(times.iat)}</dd>
        </>
      ) : null}
      {times.exp !== undefined ? (
        <>
          <dt className="text-muted">
            Expires <code className="font-mono">exp</code>
          </dt>
          <dd className="font-mono text-foreground">{formatEpoch(times.exp)}</dd>
        </>
      ) : null}
    </dl>
  );
}

function failureText(failure: Failure): string {
  return `${failure.message} (${failure.code}${failure.claim ? `, claim ${failure.claim}` : ""})`;
}

function VerificationResult({ token, time }: { token: string; time: number }) {
  const result = useAsync<Verification>(`${time}:${token}`, () => verifyAccessToken(token, time));
  return (
    <div className="space-y-2">
      <h4 className="text-xs font-semibold tracking-wide text-muted uppercase">Verified as the resource server would, at the step&apos;s time</h4>
      {result.status === "pending" ? (
        <p className="text-sm text-muted">Verifying with WebCrypto…</p>
      ) : result.status === "error" ? (
        <p className="text-sm text-foreground">Could not verify here: {result.message}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          <li className="flex flex-wrap items-start gap-2">
            <StatusBadge ok={result.value.signature.ok} okText="Valid" failText="Invalid" />
            <span className="min-w-0 flex-1 break-words text-foreground">
              {result.value.signature.ok ? (
                <>
                  Signature verified with key <code className="font-mono text-xs break-all">{result.value.signature.kid}</code> ({result.value.signature.alg}) from the
                  authorization server&apos;s JWKS.
                </>
              ) : (
                <>Signature check failed: {failureText(result.value.signature)}</>
              )}
            </span>
          </li>
          {result.value.claims ? (
            <li className="flex flex-wrap items-start gap-2">
              <StatusBadge ok={result.value.claims.ok} okText="Valid" failText="Invalid" />
              <span className="min-w-0 flex-1 break-words text-foreground">
                {result.value.claims.ok ? (
                  <>
                    Claims accepted at the step&apos;s time: typ <code className="font-mono text-xs">{ACCESS_TOKEN_TYP}</code>, iss{" "}
                    <code className="font-mono text-xs break-all">{EXPECTED_ISSUER}</code>, aud <code className="font-mono text-xs break-all">{EXPECTED_AUDIENCE}</code>, not expired.
                  </>
                ) : (
                  <>Claims rejected: {failureText(result.value.claims)}</>
                )}
              </span>
            </li>
          ) : null}
        </ul>
      )}
    </div>
  );
}

function JwksDetails() {
  return (
    <details className="rounded-lg border border-line">
      <summary className="cursor-pointer rounded-lg px-3 py-1.5 text-xs font-medium text-foreground select-none hover:bg-surface">The JWKS used (public key only)</summary>
      <div className="border-t border-line p-2">
        <JwksText />
      </div>
    </details>
  );
}

function JwksText() {
  return <CodeBlock label="The authorization server's JWKS">{JWKS_TEXT}</CodeBlock>;
}

const JWKS_TEXT = JSON.stringify(DEMO_JWKS, null, 2);
