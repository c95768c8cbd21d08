#!/usr/bin/env node
// `npm run service`: the enforcement service (src/surfaces/service/main.ts) on plain Node. The
// TypeScript sources are transpiled on require (no type checking: that is `npm run typecheck`).
// Configuration: CSM_SERVICE_CONFIG (a JSON file) and the environment; see docs/service.md.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

if (!require.extensions[".ts"]) {
  require.extensions[".ts"] = (module, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    module._compile(outputText, filename);
  };
}

require(path.join(__dirname, "..", "src", "surfaces", "service", "main.ts"));
