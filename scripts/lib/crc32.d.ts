export declare function crc32(bytes: Uint8Array, crc?: number): number;
