import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  prettyBody,
  requestAnsweredBy,
  requestLine,
  requestParameters,
  responseParameters,
  responseTo,
  shellQuote,
  statusLine,
  toCurl,
} from "@/machines/curl";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { RecordedRequest, Trace } from "@/machines/trace";

async function trace(flow: keyof typeof FLOWS, scenario?: string): Promise<Trace> {
  const definition = FLOWS[flow];
  const chosen = scenario ? definition.scenarios.find((s) => s.id === scenario) : definition.scenarios[0];
  if (!chosen) throw new Error(`no scenario ${scenario}`);
  return runFlow(definition, chosen, "demo");
}

function stepById(t: Trace, id: string) {
  const found = t.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

/** What a POSIX shell makes of a command line: the argv it would pass to curl. */
function shellWords(command: string): string[] {
  const script = `for a in ${command.replace(/^curl/, "")}; do printf '%s\\0' "$a"; done`;
  return execFileSync("sh", ["-c", script], { encoding: "utf8" }).split("\0").slice(0, -1);
}

describe("shellQuote", () => {
  it("wraps a value in single quotes and writes each single quote as '\\''", () => {
    expect(shellQuote("abc")).toBe("'abc'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("survives a POSIX shell unchanged, whatever the value holds", () => {
    const nasty = [`it's`, "$(rm -rf /)", "`id`", "a\nb", '"quoted"', "back\\slash", "''", "!history", "*glob?", "semi;colon & amp | pipe"];
    expect(shellWords(nasty.map(shellQuote).join(" "))).toEqual(nasty);
  });
});

describe("toCurl", () => {
  it("turns the token request into curl -i -X POST with its headers and --data-raw body", async () => {
    const t = await trace("authorization-code-pkce");
    const request = stepById(t, "token-request").request!;
    const command = toCurl(request);
    expect(command.startsWith("curl -i -X POST 'https://authorization-server.example/token'")).toBe(true);
    expect(command).toContain(`-H 'content-type: application/x-www-form-urlencoded'`);
    expect(command).toContain(`--data-raw '${request.body}'`);
    expect(command).not.toContain("--location");
  });

  it("leaves -X out for a GET and sends the Authorization header of an API call", async () => {
    const t = await trace("authorization-code-pkce");
    const request = stepById(t, "api-request").request!;
    const command = toCurl(request);
    expect(command).toMatch(/^curl -i 'https:\/\/api\.example\/me'/);
    expect(command).not.toContain("-X");
    expect(command).toContain(`-H 'authorization: Bearer ${request.headers[0]![1].slice("Bearer ".length)}'`);
  });

  it("quotes a body with quotes and shell syntax so the shell hands curl the exact bytes", () => {
    const request: RecordedRequest = {
      method: "POST",
      url: "https://api.example/orders?q=a&b='c'",
      headers: [["content-type", "application/json"], ["x-note", "it's $HOME"]],
      body: `{"note":"it's $(whoami) \`id\`"}`,
    };
    expect(shellWords(toCurl(request).replaceAll(" \\\n  ", " "))).toEqual([
      "-i",
      "-X",
      "POST",
      "https://api.example/orders?q=a&b='c'",
      "-H",
      "content-type: application/json",
      "-H",
      "x-note: it's $HOME",
      "--data-raw",
      `{"note":"it's $(whoami) \`id\`"}`,
    ]);
  });

  it("puts method and URL first, then one header or body per line, joined by backslash-newline continuations", () => {
    const command = toCurl({ method: "DELETE", url: "https://api.example/x", headers: [["a", "b"]] });
    expect(command).toBe("curl -i -X DELETE 'https://api.example/x' \\\n  -H 'a: b'");
  });
});

/** Run a curl command with `sh` and capture what a local server received. */
async function sendWithCurl(request: RecordedRequest) {
  const received: { method?: string; url?: string; headers?: Record<string, string | string[] | undefined>; body?: string } = {};
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      Object.assign(received, { method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const local = { ...request, url: request.url.replace(/^https:\/\/[^/]+/, `http://127.0.0.1:${port}`) };
  try {
    const output = await new Promise<string>((resolve, reject) =>
      execFile("sh", ["-c", toCurl(local)], { encoding: "utf8", env: { ...process.env, NO_PROXY: "*", no_proxy: "*" } }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    return { received, output };
  } finally {
    server.close();
  }
}

describe.skipIf(!existsSync("/usr/bin/curl"))("toCurl, run by sh and curl", () => {
  it("sends the recorded method, path, headers and body byte for byte, and prints the status line (-i)", async () => {
    const t = await trace("authorization-code-pkce");
    const request = stepById(t, "consent").request!;
    const { received, output } = await sendWithCurl({ ...request, headers: [...request.headers, ["x-quote", `it's "$HOME"`]] });
    expect(received.method).toBe("POST");
    expect(received.url).toBe("/authorize");
    expect(received.headers?.["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(received.headers?.["x-quote"]).toBe(`it's "$HOME"`);
    expect(received.body).toBe(request.body);
    expect(output).toMatch(/^HTTP\/1\.1 204/);
  });
});

describe("raw HTTP text", () => {
  it("writes the request line in absolute form and the status line with its reason phrase", async () => {
    const t = await trace("authorization-code-pkce");
    expect(requestLine(stepById(t, "api-request").request!)).toBe("GET https://api.example/me HTTP/1.1");
    expect(statusLine(stepById(t, "authorization-response").response!)).toBe("HTTP/1.1 303 See Other");
    expect(statusLine({ status: 299, headers: [] })).toBe("HTTP/1.1 299");
  });

  it("pretty-prints a JSON body and leaves an HTML body exactly as recorded", async () => {
    const t = await trace("authorization-code-pkce");
    const json = stepById(t, "token-response").response!;
    expect(prettyBody(json)).toBe(JSON.stringify(JSON.parse(json.body!), null, 2));
    const html = stepById(t, "login-page").response!;
    expect(prettyBody(html)).toBe(html.body);
    expect(prettyBody({ headers: [] })).toBeUndefined();
  });

  it("decodes the form body and the Location query parameters", async () => {
    const t = await trace("authorization-code-pkce");
    const form = requestParameters(stepById(t, "token-request").request!);
    expect(form.map((p) => p.source)).toEqual(["form body"]);
    expect(form[0]!.entries).toContainEqual(["grant_type", "authorization_code"]);
    const location = responseParameters(stepById(t, "authorization-response").response!);
    expect(location[0]!.source).toBe("Location query");
    expect(location[0]!.entries.map(([name]) => name)).toEqual(["code", "state", "iss"]);
  });

  it("decodes the fragment of the implicit flow's redirect", async () => {
    const t = await trace("implicit");
    const location = responseParameters(stepById(t, "authorization-response").response!);
    expect(location.map((p) => p.source)).toContain("Location fragment");
  });
});

describe("requestAnsweredBy", () => {
  it("pairs each response with the request its counterpart sent", async () => {
    const t = await trace("authorization-code-pkce");
    const pairs = t.steps
      .filter((s) => s.response && !s.request)
      .map((s) => [s.id, requestAnsweredBy(t, s.index)?.id]);
    expect(pairs).toEqual([
      ["redirect-to-authorization", "start-login"],
      ["login-page", "authorization-request"],
      ["authorization-response", "consent"],
      ["token-response", "token-request"],
      ["api-response", "api-request"],
      ["signed-in-page", "callback"],
    ]);
  });

  it("answers nothing for a step that is itself a request", async () => {
    const t = await trace("authorization-code-pkce");
    expect(requestAnsweredBy(t, stepById(t, "token-request").index)).toBeUndefined();
  });
});

describe("responseTo", () => {
  it("finds the response of each request, next or later", async () => {
    const t = await trace("authorization-code-pkce");
    const index = (id: string) => t.steps.findIndex((s) => s.id === id);
    expect(responseTo(t, index("token-request"))?.id).toBe("token-response");
    expect(responseTo(t, index("callback"))?.id).toBe("signed-in-page");
    expect(responseTo(t, index("token-response"))).toBeUndefined();
  });
});
