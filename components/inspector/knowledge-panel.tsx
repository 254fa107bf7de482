import { cn } from "@/components/ui/cn";
import type { ArtifactKind, Knowledge, RoleId, Trace } from "@/machines/trace";
import { ROLE_DOT, roleName } from "./role-names";
import { TruncatedValue } from "./truncated-value";

function entries(knowledge: Knowledge | undefined): [ArtifactKind, readonly string[]][] {
  return Object.entries(knowledge ?? {}).filter(([, values]) => values && values.length > 0) as [ArtifactKind, readonly string[]][];
}

/** What each role holds once the step has happened, in the trace's role order; what it just learnt is marked new. */
export function KnowledgePanel({ trace, index }: { trace: Trace; index: number }) {
  const step = trace.steps[index];
  if (!step) return null;
  const before = trace.steps[index - 1]?.knowledge;
  return (
    <ul className="grid gap-3 @xl:grid-cols-2 @5xl:grid-cols-3">
      {trace.roles.map((role) => (
        <RoleKnowledge key={role} role={role} knowledge={step.knowledge[role]} before={index === 0 ? undefined : before?.[role]} />
      ))}
    </ul>
  );
}

function RoleKnowledge({ role, knowledge, before }: { role: RoleId; knowledge: Knowledge | undefined; before: Knowledge | undefined }) {
  const known = entries(knowledge);
  return (
    <li className="min-w-0 rounded-xl border border-line bg-surface-raised p-3">
      <h3 className="flex items-center gap-2 text-sm font-semibold text-foreground">
        <span aria-hidden="true" className={cn("size-2.5 shrink-0 rounded-full", ROLE_DOT[role])} />
        {roleName(role)}
      </h3>
      {known.length === 0 ? (
        <p className="mt-1 text-xs text-muted">Knows nothing of this flow yet.</p>
      ) : (
        <dl className="mt-2 space-y-1.5">
          {known.map(([kind, values]) => (
            <div key={kind} className="grid grid-cols-[minmax(0,7.5rem)_1fr] gap-x-2 text-xs @md:grid-cols-[minmax(0,8.5rem)_1fr]">
              <dt className="truncate font-mono text-muted" title={kind}>
                {kind}
              </dt>
              <dd className="min-w-0 space-y-0.5">
                {values.map((value, i) => {
                  const isNew = !(before?.[kind] ?? []).includes(value);
                  return (
                    <div key={`${i}-${value}`} className="flex min-w-0 flex-wrap items-baseline gap-x-1.5">
                      <TruncatedValue value={value} label={`${roleName(role)}'s ${kind}`} />
                      {isNew ? <span className="rounded bg-accent px-1 text-[0.65rem] leading-4 font-semibold text-accent-foreground uppercase">new</span> : null}
                    </div>
                  );
                })}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
