export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}
export declare function writeZip(entries: readonly ZipEntry[], date?: Date): Buffer;
export declare function readZip(zip: Buffer): ZipEntry[];
