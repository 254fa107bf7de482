import type { Artifact, TraceStep } from "@/machines/trace";
import { PanelNote } from "./panel-note";
import { TokenCard } from "./token-card";

const WHERE: Readonly<Record<string, string>> = {
  json: "in the JSON body of the token response",
  header: "in the Authorization header (Bearer)",
  fragment: "in the URL fragment",
  query: "in the URL query",
  form: "in the form body",
  computed: "computed by the role",
};

/** Every access token the step carries, decoded and verified as the resource server would, at the step's simulated time. */
export function TokenPanel({ step }: { step: TraceStep }) {
  const seen = new Set<string>();
  const tokens: Artifact[] = step.artifacts.filter((a) => a.kind === "access_token" && !seen.has(a.value) && seen.add(a.value));
  const refreshTokens = step.artifacts.filter((a) => a.kind === "refresh_token");
  if (tokens.length === 0) {
    return (
      <div className="space-y-3">
        <PanelNote>No access token travels in this step. Step to a token response or an API call to decode one.</PanelNote>
        {refreshTokens.length > 0 ? <RefreshNote /> : null}
      </div>
    );
  }
  return (
    <div className="space-y-5">
      {tokens.map((token) => (
        <TokenCard key={token.value} token={token.value} where={WHERE[token.where] ?? token.where} time={step.time} />
      ))}
      {refreshTokens.length > 0 ? <RefreshNote /> : null}
    </div>
  );
}

function RefreshNote() {
  return (
    <PanelNote>
      The refresh token alongside it is opaque on purpose: it is only ever sent back to the authorization server&apos;s token endpoint, never to an API.
    </PanelNote>
  );
}
