/**
 * The HTML the authorization server shows the resource owner: login and consent, the device
 * verification page, and error pages. Plain HTML with inline styles and no script, so the
 * simulator's mock browser can show it as it is. Every value is escaped.
 */
import type { ClientMetadata } from "../demo-data";
import { escapeHtml } from "../http";

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f6fb;color:#1b2333}
main{max-width:26rem;margin:2rem auto;background:#fff;border:1px solid #d5dbe8;border-radius:12px;padding:1.5rem}
h1{font-size:1.25rem;margin:0 0 .75rem}p{margin:.5rem 0}
label{display:block;margin:.5rem 0}
input[type=text],input[type=password]{display:block;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #8a94a8;border-radius:6px;font:inherit}
fieldset{border:1px solid #d5dbe8;border-radius:8px;margin:1rem 0;padding:.5rem 1rem}
.actions{display:flex;gap:.75rem;margin-top:1rem}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1d4ed8;cursor:pointer}
button[value=allow]{background:#1d4ed8;color:#fff}button[value=deny]{background:#fff;color:#1d4ed8}
.notice{background:#fdecea;border:1px solid #c62828;color:#8e1b1b;border-radius:6px;padding:.5rem .75rem}
.ok{background:#e7f5ea;border:1px solid #2e7d32;color:#1b5e20;border-radius:6px;padding:.5rem .75rem}
code{font-family:ui-monospace,monospace;background:#eef1f7;padding:0 .25rem;border-radius:4px}
small{color:#4a5568}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function hiddenFields(fields: ReadonlyMap<string, string>): string {
  return [...fields]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
}

function notice(message: string | undefined): string {
  return message ? `<p class="notice" role="alert">${escapeHtml(message)}</p>` : "";
}

/** Scope checkboxes; a hidden empty granted_scope keeps the field present when every box is unticked. */
function scopeChoices(scopes: readonly string[]): string {
  const boxes = scopes
    .map(
      (scope) =>
        `<label><input type="checkbox" name="granted_scope" value="${escapeHtml(scope)}" checked> <code>${escapeHtml(scope)}</code></label>`,
    )
    .join("");
  return `<fieldset><legend>It asks to</legend><input type="hidden" name="granted_scope" value="">${boxes}</fieldset>`;
}

function credentials(username: string | undefined): string {
  return `<label>Username<input type="text" name="username" autocomplete="username" value="${escapeHtml(username ?? "")}"></label>
<label>Password<input type="password" name="password" autocomplete="current-password"></label>`;
}

const DECISION_BUTTONS = `<div class="actions"><button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny">Deny</button></div>`;

export interface ConsentPageInput {
  readonly action: string;
  readonly client: ClientMetadata;
  readonly scopes: readonly string[];
  /** The authorization request's own parameters, posted back with the decision. */
  readonly requestFields: ReadonlyMap<string, string>;
  readonly username?: string;
  readonly message?: string;
}

/** RFC 6749 §3.1: the authorization endpoint authenticates the resource owner and asks for consent. */
export function consentPage(input: ConsentPageInput): string {
  return page(
    `Sign in to authorize ${input.client.client_name}`,
    `<h1>Sign in to continue to ${escapeHtml(input.client.client_name)}</h1>
${notice(input.message)}
<form method="post" action="${escapeHtml(input.action)}">
${hiddenFields(input.requestFields)}
${credentials(input.username)}
<p><strong>${escapeHtml(input.client.client_name)}</strong> <small>(client_id <code>${escapeHtml(input.client.client_id)}</code>)</small> wants access to your account.</p>
${scopeChoices(input.scopes)}
${DECISION_BUTTONS}
</form>`,
  );
}

export interface DevicePageInput {
  readonly action: string;
  readonly userCode?: string;
  readonly client?: ClientMetadata;
  readonly scopes?: readonly string[];
  readonly username?: string;
  readonly message?: string;
}

/** RFC 8628 §3.3: the verification page shows the user_code for the user to compare with the device (§3.3.1). */
export function deviceVerificationPage(input: DevicePageInput): string {
  const request = input.client
    ? `<p><strong>${escapeHtml(input.client.client_name)}</strong> <small>(client_id <code>${escapeHtml(input.client.client_id)}</code>)</small> wants access to your account. Check that the code matches the one on your device.</p>${scopeChoices(input.scopes ?? [])}`
    : "";
  return page(
    "Connect a device",
    `<h1>Connect a device</h1>
${notice(input.message)}
<form method="post" action="${escapeHtml(input.action)}">
<label>Code shown on your device<input type="text" name="user_code" autocomplete="off" value="${escapeHtml(input.userCode ?? "")}"></label>
${credentials(input.username)}
${request}
${DECISION_BUTTONS}
</form>`,
  );
}

export function deviceResultPage(approved: boolean, client: ClientMetadata): string {
  return approved
    ? page("Device connected", `<h1>Device connected</h1><p class="ok" role="status">You allowed <strong>${escapeHtml(client.client_name)}</strong>. You can return to your device.</p>`)
    : page("Request denied", `<h1>Request denied</h1><p class="ok" role="status">You denied <strong>${escapeHtml(client.client_name)}</strong>. Nothing was shared.</p>`);
}

/** RFC 6749 §4.1.2.1: when the redirect URI cannot be trusted, the user is told here and not redirected. */
export function errorPage(error: string, description: string): string {
  return page(
    "Authorization error",
    `<h1>This request cannot be completed</h1><p class="notice" role="alert"><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p><p><small>The authorization server does not redirect you back, because it cannot trust where the request came from.</small></p>`,
  );
}
