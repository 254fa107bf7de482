import { FlowCard } from "@/components/flow-card";
import { RoleCard } from "@/components/role-card";
import { cn } from "@/components/ui/cn";
import { flows } from "@/content/flows";
import { home } from "@/content/home";
import { roles } from "@/content/roles";
import { site } from "@/content/site";

/**
 * Grid placement of the flow cards: on wide screens a row of three, then rows of two
 * (6-column grid), so seven cards leave no hole; on two columns an odd last card spans both.
 */
function flowCellClass(index: number, count: number): string {
  return cn(
    index < 3 ? "lg:col-span-2" : "lg:col-span-3",
    index === count - 1 && count % 2 === 1 && "sm:col-span-2",
  );
}

export default function HomePage() {
  return (
    <div className="mx-auto max-w-6xl px-4 sm:px-6">
      <div className="grid items-start gap-10 py-12 sm:py-16 lg:grid-cols-[minmax(0,1fr)_32rem] lg:gap-12">
        <section aria-labelledby="page-title">
          <h1
            id="page-title"
            className="text-4xl font-bold tracking-tight text-balance text-foreground sm:text-5xl"
          >
            {site.name}
          </h1>
          <p className="mt-3 text-xl font-semibold text-accent sm:text-2xl">{site.tagline}</p>
          <p className="mt-5 text-lg leading-8 text-pretty text-foreground">{home.lead}</p>
          <p className="mt-4 leading-7 text-pretty text-muted">{home.body}</p>
          <ul className="mt-6 flex flex-wrap gap-2" aria-label="Highlights">
            {home.facts.map((fact) => (
              <li
                key={fact}
                className="rounded-full border border-line bg-accent-soft px-3 py-1 text-sm text-foreground"
              >
                {fact}
              </li>
            ))}
          </ul>
        </section>

        <section
          id="roles"
          aria-labelledby="roles-heading"
          className="scroll-mt-4 rounded-2xl border border-line bg-surface p-5 sm:p-6"
        >
          <h2 id="roles-heading" className="text-xl font-semibold tracking-tight text-foreground">
            {home.rolesHeading}
          </h2>
          <p className="mt-1 text-sm leading-6 text-muted">{home.rolesIntro}</p>
          <ul className="mt-5 grid gap-3 sm:grid-cols-2">
            {roles.map((role) => (
              <RoleCard key={role.id} role={role} />
            ))}
          </ul>
        </section>
      </div>

      <section
        id="flows"
        aria-labelledby="flows-heading"
        className="scroll-mt-4 border-t border-line py-10 sm:py-12"
      >
        <h2 id="flows-heading" className="text-2xl font-semibold tracking-tight text-foreground">
          {home.flowsHeading}
        </h2>
        <p className="mt-2 max-w-3xl text-muted">
          {home.flowsIntro} {home.flowsStatus}
        </p>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-6">
          {flows.map((flow, index) => (
            <li key={flow.id} className={flowCellClass(index, flows.length)}>
              <FlowCard flow={flow} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
