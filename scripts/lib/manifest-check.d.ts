/** Offline checks of manifest.xml and the Teams manifest.json (see manifest-check.js). */
export declare const DEV_ORIGIN: "https://localhost:3000";
export declare function checkAddinManifest(xml: string, options?: { base?: string; assetsDir?: string }): string[];
export declare function checkTeamsManifest(manifest: unknown, options?: { base?: string; addinId?: string }): string[];
