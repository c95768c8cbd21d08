// Jest runs TypeScript through ts-jest in transpile-only mode (type checking is `npm run typecheck`).
// Browser-like tests opt in per file with `@jest-environment ./test/support/fixed-jsdom-env.js`
// (JSDOM without fetch/Request is patched there; see m365-reference §6.2).
const esmOnly = [
  "rettime",
  "@open-draft",
  "until-async",
  "strict-event-emitter",
  "outvariant",
  "headers-polyfill",
  "is-node-process",
  "@mswjs",
  "msw",
  "uuid",
  "strip-bom",
  "idb",
].join("|");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.(ts|tsx|mjs|js)$": [
      "ts-jest",
      {
        isolatedModules: true,
        tsconfig: { module: "commonjs", target: "es2022", jsx: "react-jsx", allowJs: true, esModuleInterop: true },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-shim.js",
    "\\.(css)$": "<rootDir>/test/support/style-stub.js",
    // The SDK ships ES modules in lib/ and one UMD bundle in dist/: tests load the bundle.
    "^adaptivecards$": "<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js",
  },
  testPathIgnorePatterns: ["/node_modules/", "/test/e2e/"],
  collectCoverageFrom: ["src/domain/**/*.ts"],
  coverageThreshold: { "./src/domain/": { lines: 95 } },
  coverageReporters: ["text-summary", "lcov"],
};
