import type { IncomingMessage, ServerResponse } from "node:http";
export declare const STATIC_HEADERS: Record<string, string>;
export declare const RESOURCE_CSP: string;
export declare const HSTS: string;
export declare function pagePolicy(nonce: string, scriptHashes?: string[]): string;
export declare function prerenderedScriptHashes(appDir: string): string[];
export declare function isPagePath(url: string | undefined): boolean;
export declare function applySecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  options: { isHttps: boolean; scriptHashes?: string[] },
): void;
