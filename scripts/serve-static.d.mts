import type { Server } from "node:http";

export function contentType(file: string): string;
export function acceptsGzip(header: string | string[] | undefined): boolean;
export function resolveFile(root: string, urlPath: string): Promise<string | null>;
export function createStaticServer(options?: { root?: string }): Server;
