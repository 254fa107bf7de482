import { cn } from "@/components/ui/cn";
import { truncateMiddle, urlParts, type UrlPart } from "@/machines/stage";
import { artifactStyle } from "./artifact-chip";
import { Icon } from "./icons";

function Part({ part }: { part: UrlPart }) {
  if (part.kind === "value") {
    const short = part.text.length > 44 ? truncateMiddle(part.text, 32) : part.text;
    return (
      <span
        title={part.text.length > 44 ? part.text : undefined}
        data-url-param={part.highlight}
        className={cn("flow-url-value", part.highlight && cn("rounded-sm px-0.5 font-semibold", artifactStyle(part.highlight)))}
      >
        {short}
      </span>
    );
  }
  if (part.kind === "name") {
    return <span className={cn(part.highlight ? "font-semibold text-foreground" : "text-muted")}>{part.text}</span>;
  }
  // As in real browsers the host stands out by colour alone, the path is dimmed (and no bold
  // monospace face has to be loaded for the first paint).
  if (part.kind === "host") return <span className="text-foreground">{part.text}</span>;
  if (part.kind === "path") return <span className="text-muted">{part.text}</span>;
  return <span className="text-muted">{part.text}</span>;
}

/** The mock browser's address bar: the URL as sent, with code, state and a fragment's token marked. */
export function AddressBar({ url }: { url?: string }) {
  const parts = url ? urlParts(url) : [];
  const fragmentAt = parts.findIndex((part) => part.inFragment);
  return (
    <div className="flex min-w-0 flex-1 items-start gap-1.5 rounded-md border border-line bg-background px-2 py-1 font-mono text-xs leading-5">
      <span className="mt-0.5 shrink-0 text-muted">
        <Icon name={url ? "lock" : "monitor"} className="size-3.5" />
      </span>
      {url ? (
        <p className="min-w-0 break-all" aria-label="Address" data-address={url}>
          {parts.map((part, i) =>
            i === fragmentAt ? (
              <span key={i} className="rounded-sm bg-[var(--tone-error-soft)] px-0.5 font-semibold text-[var(--tone-error)] ring-1 ring-[var(--tone-error-line)]">
                #
              </span>
            ) : (
              <Part key={i} part={part} />
            ),
          )}
        </p>
      ) : (
        <p className="min-w-0 font-sans text-muted">No address: the device&rsquo;s own screen</p>
      )}
    </div>
  );
}
