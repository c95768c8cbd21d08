// Lint, including the dependency rule of ../shared/docs/architecture.md as import zones:
// surfaces → ui, adapters → app → domain. A wrong-way import fails `npm test` with a message that
// says which layers are allowed.
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");
const importX = require("eslint-plugin-import-x");
const globals = require("globals");

const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

module.exports = tseslint.config(
  { ignores: ["node_modules/", "build/", "dist/", "coverage/", "assets/", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    languageOptions: { parserOptions: { ecmaVersion: 2022, sourceType: "module" } },
    settings: { "import-x/resolver": { node: { extensions: [".ts", ".tsx", ".js", ".json"] } } },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            zone(
              "./src/domain",
              "./src",
              "src/domain is pure policy: it imports nothing of the project outside src/domain.",
              ["./domain"],
            ),
            zone(
              "./src/app",
              "./src/adapters",
              "src/app may import only src/domain; talk to adapters through ports declared in src/app.",
            ),
            zone("./src/app", "./src/ui", "src/app may import only src/domain."),
            zone("./src/app", "./src/surfaces", "src/app may import only src/domain."),
            zone("./src/app", "./src/cli", "src/app may import only src/domain."),
            zone("./src/adapters", "./src/ui", "adapters may import src/app and src/domain only."),
            zone("./src/adapters", "./src/surfaces", "adapters may import src/app and src/domain only."),
            zone("./src/adapters", "./src/cli", "adapters may import src/app and src/domain only."),
            zone(
              "./src/ui",
              "./src/adapters",
              "src/ui may import src/app and src/domain only; adapters arrive through ServicesContext.",
            ),
            zone("./src/ui", "./src/surfaces", "nothing imports a surface."),
            zone("./src/cli", "./src/surfaces", "nothing imports a surface."),
            zone("./src/cli", "./src/ui", "csm imports the domain and app only."),
            zone(
              "./src/surfaces/onsend",
              "./src/ui",
              "the on-send handler runs without React: it must not import src/ui.",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: "No Date.now() in the domain: time comes in through the Clock port.",
        },
        {
          selector: "ImportDeclaration[source.value=/^[^.]/]",
          message: "src/domain imports nothing outside itself (no packages).",
        },
      ],
      "no-restricted-globals": [
        "error",
        "window",
        "document",
        "fetch",
        "localStorage",
        "indexedDB",
        "Office",
        "navigator",
      ],
    },
  },
  {
    files: ["src/surfaces/onsend/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react-dom", "@fluentui/*"],
              message: "The on-send handler has no React or Fluent (it runs in a JavaScript-only runtime).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/**/*.{ts,tsx}", "bench/**/*.{ts,js}", "src/cli/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
