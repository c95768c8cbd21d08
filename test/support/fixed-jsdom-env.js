// JSDOM as Jest 30 ships it lacks fetch, Request, Response, TextEncoder and structuredClone; this
// environment passes Node's own into the window (m365-reference §6.2, fix 2).
const JSDOMEnvironment = require("jest-environment-jsdom").default;

module.exports = class FixedJSDOMEnvironment extends JSDOMEnvironment {
  constructor(...args) {
    super(...args);
    this.customExportConditions = [""];
    Object.assign(this.global, {
      fetch,
      Request,
      Response,
      Headers,
      FormData,
      Blob,
      TextEncoder,
      TextDecoder,
      ReadableStream,
      TransformStream,
      WritableStream,
      BroadcastChannel,
      AbortController,
      AbortSignal,
      structuredClone,
      URL,
      URLSearchParams,
    });
  }
};
