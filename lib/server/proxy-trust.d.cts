export type TrustProxy = { describe: string; hops?: number; isTrusted: (address: string) => boolean };
export declare function normalizeAddress(address: string | undefined): string;
export declare function parseTrustProxy(value: string | undefined): TrustProxy;
export declare function resolveClient(
  trust: TrustProxy,
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  forwardedProto: string | undefined,
): { address: string; isHttps: boolean };
