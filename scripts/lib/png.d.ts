export declare function encodePng(width: number, height: number, rgba: Buffer): Buffer;
export declare function decodePng(file: Buffer): { width: number; height: number; colourType: number; rgba: Buffer };
