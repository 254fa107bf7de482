/**
 * The people, clients and APIs of the demo world. Secrets and passwords here are demo values,
 * shown to learners on purpose.
 */

/** Client registration metadata with RFC 7591 §2 field names. */
export interface ClientMetadata {
  readonly client_id: string;
  readonly client_secret?: string;
  readonly client_name: string;
  readonly redirect_uris: readonly string[];
  readonly grant_types: readonly string[];
  readonly response_types: readonly string[];
  readonly token_endpoint_auth_method: "client_secret_basic" | "client_secret_post" | "none";
  readonly scope: string;
}

export interface DemoUser {
  readonly username: string;
  readonly password: string;
  readonly sub: string;
  readonly name: string;
}

export interface Resource {
  readonly method: string;
  readonly path: string;
  readonly scope: string;
}

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** Every scope this authorization server knows, broad ones first. */
export const SCOPES = [
  "profile",
  "order",
  "order:read",
  "order:items",
  "inventory",
  "inventory:read",
  "inventory:write",
  "inventory:price:write",
] as const;

export const DEMO_CLIENTS: readonly ClientMetadata[] = [
  {
    client_id: "web-app",
    client_secret: "web-app-secret-demo-only",
    client_name: "Acme Orders (server-side web app)",
    redirect_uris: ["https://webapp.example/callback"],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
    scope: "profile order inventory:read",
  },
  {
    client_id: "spa",
    client_name: "Acme Shop (single-page and mobile app)",
    redirect_uris: ["https://spa.example/callback", "http://127.0.0.1/callback"],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
    scope: "profile order inventory:read",
  },
  {
    client_id: "inventory-service",
    client_secret: "inventory-service-secret-demo-only",
    client_name: "Warehouse sync (machine to machine)",
    redirect_uris: [],
    grant_types: ["client_credentials"],
    response_types: [],
    token_endpoint_auth_method: "client_secret_post",
    scope: "inventory:read inventory:write",
  },
  {
    client_id: "first-party-app",
    client_secret: "first-party-app-secret-demo-only",
    client_name: "Acme's own app (trusted first party, password grant)",
    redirect_uris: [],
    grant_types: ["password", "refresh_token"],
    response_types: [],
    token_endpoint_auth_method: "client_secret_basic",
    scope: "profile order",
  },
  {
    client_id: "legacy-spa",
    client_name: "Old Acme widget (legacy SPA, implicit grant)",
    redirect_uris: ["https://legacy.example/callback"],
    grant_types: ["implicit"],
    response_types: ["token"],
    token_endpoint_auth_method: "none",
    scope: "profile order:read",
  },
  {
    client_id: "tv-app",
    client_name: "Acme TV (device with no browser)",
    redirect_uris: [],
    grant_types: [DEVICE_CODE_GRANT, "refresh_token"],
    response_types: [],
    token_endpoint_auth_method: "none",
    scope: "profile order:read",
  },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { username: "alice", password: "wonderland", sub: "user-alice-7f3a", name: "Alice Liddell" },
  { username: "bob", password: "builder", sub: "user-bob-19c2", name: "Bob Builder" },
  // The attacker of the CSRF and code-interception scenarios has an ordinary account too.
  { username: "mallory", password: "evil", sub: "user-mallory-666", name: "Mallory" },
];

export const DEMO_RESOURCES: readonly Resource[] = [
  { method: "GET", path: "/me", scope: "profile" },
  { method: "GET", path: "/orders", scope: "order:read" },
  { method: "GET", path: "/orders/items", scope: "order:items" },
  { method: "GET", path: "/inventory", scope: "inventory:read" },
  { method: "POST", path: "/inventory", scope: "inventory:write" },
  { method: "PUT", path: "/inventory/price", scope: "inventory:price:write" },
];

/** What each API endpoint answers once the token checks pass: demo data for the signed-in person. */
export function demoResourceBody(resource: Resource, who: { sub: string; client_id: string }, users: readonly DemoUser[]): unknown {
  const user = users.find((candidate) => candidate.sub === who.sub);
  switch (`${resource.method} ${resource.path}`) {
    case "GET /me":
      return { sub: who.sub, name: user?.name ?? null, username: user?.username ?? null };
    case "GET /orders":
      return { owner: who.sub, orders: [{ id: "ord-1001", total: "42.00 EUR", status: "shipped" }, { id: "ord-1002", total: "17.50 EUR", status: "processing" }] };
    case "GET /orders/items":
      return { owner: who.sub, items: [{ order: "ord-1001", sku: "TEA-EARL-GREY", quantity: 2 }] };
    case "GET /inventory":
      return { items: [{ sku: "TEA-EARL-GREY", stock: 120 }, { sku: "MUG-WHITE", stock: 34 }] };
    case "POST /inventory":
      return { updated: true, by: who.client_id };
    default:
      return { updated: true, by: who.client_id, resource: `${resource.method} ${resource.path}` };
  }
}
