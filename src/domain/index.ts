/** The domain's public surface: pure policy, no I/O. */
export * from "./catalogue";
export * from "./checks";
export * from "./describe";
export * from "./errors";
export * from "./evaluate";
export * from "./events";
export * from "./fold";
export * from "./identity";
export * from "./limits";
export * from "./record";
export * from "./restrictions";
export * from "./schema";
export * from "./summary";
export * from "./text";
export * from "./time";
export * from "./validate";
export * from "./ports";
