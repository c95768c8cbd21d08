/** scripts/package.js as the tests use it. */
export declare class PackageError extends Error {}
export declare const APP_ZIP: string;
export interface Target {
  readonly base: string;
  readonly origin: string;
  readonly host: string;
  readonly hostname: string;
}
export declare function parseBaseUrl(raw: string | undefined): Target;
export declare function productionManifestXml(xml: string, target: Pick<Target, "base">, version: string): string;
export declare function productionTeamsManifest(
  template: unknown,
  target: Target,
  env: Record<string, string | undefined>,
  version: string,
): Record<string, unknown>;
export declare function inlineHashes(dir: string): { styles: string[]; scripts: string[] };
export declare function addToDirective(csp: string, directive: string, sources: readonly string[]): string;
export declare function hostingConfig(
  template: unknown,
  hashes: { styles: readonly string[]; scripts: readonly string[] },
  cloud?: { graphOrigin: string; loginOrigin: string },
): { globalHeaders: Record<string, string> };
export declare function cloudOf(env: Record<string, string | undefined>): {
  graphBaseUrl: string;
  graphOrigin: string;
  loginOrigin: string;
  custom: boolean;
};
export declare function run(argv?: readonly string[], env?: Record<string, string | undefined>): unknown;
