import type { Role, RoleId } from "@/content/roles";

const roleColor: Record<RoleId, string> = {
  "resource-owner": "bg-role-owner",
  client: "bg-role-client",
  "authorization-server": "bg-role-as",
  "resource-server": "bg-role-rs",
};

/** One of the four OAuth roles, with its lane colour. */
export function RoleCard({ role }: { role: Role }) {
  return (
    <li className="flex gap-3 rounded-xl border border-line bg-surface-raised p-4 shadow-sm">
      <span aria-hidden="true" className={`mt-1.5 size-2.5 shrink-0 rounded-full ${roleColor[role.id]}`} />
      <div>
        <h3 className="font-semibold text-foreground">{role.name}</h3>
        <p className="text-sm text-muted">{role.example}</p>
        <p className="mt-2 text-sm leading-6 text-foreground/90">{role.description}</p>
      </div>
    </li>
  );
}
