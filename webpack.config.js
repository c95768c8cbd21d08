// webpack 5: one bundle per surface, one HTML page per surface (the TaskPane-React template's
// skeleton: async config, HTTPS dev server with office-addin-dev-certs, one HtmlWebpackPlugin per
// page with explicit chunks). One TypeScript pipeline: ts-loader in transpile-only mode (type
// checking is `npm run typecheck`, so builds stay fast on a small machine).
//
//   npm start               webpack serve --mode development --env preview   http://localhost:3000/
//   npm run start:outlook   webpack serve --mode development --env https     https://localhost:3000/
//   npm run build           webpack --mode production                        → dist/
//
// To add a surface: add ONE line to ENTRIES below (see the fields there). Nothing else changes.
const path = require("path");
const fs = require("fs");
const zlib = require("zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

// Microsoft's CDN copy of office.js. Only pages that run inside Office load it (never the
// preview, which must work offline).
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const DEV_ORIGIN = "https://localhost:3000";

/**
 * The surfaces. Fields:
 *   import     the composition root (src/surfaces/<name>/main.ts[x])
 *   html       the page it gets (null: a bare script, e.g. the classic-Windows on-send runtime)
 *   title      the page title
 *   officeJs   true: the page loads office.js from Microsoft's CDN (pages inside Outlook/Teams)
 *   standalone true: one self-contained file with no shared chunks and a fixed name (the
 *              JavaScript-only runtime of classic Outlook on Windows cannot load chunks)
 *   filename   the script's file name when standalone (default "<name>.js")
 */
const ENTRIES = {
  preview: {
    import: "./src/surfaces/preview/main.ts",
    html: "index.html",
    title: "Contact Strategy Manager: preview",
    officeJs: false,
  },
  taskpane: {
    import: "./src/surfaces/taskpane/main.tsx",
    html: "taskpane.html",
    title: "Contact Strategy Manager",
    officeJs: true,
  },
  onsend: {
    import: "./src/surfaces/onsend/main.ts",
    html: "commands.html",
    title: "Contact Strategy Manager: on send",
    officeJs: true,
    standalone: true,
    filename: "launchevent.js",
  },
  authDialog: {
    import: "./src/surfaces/taskpane/auth-dialog.ts",
    html: "auth-dialog.html",
    title: "Contact Strategy Manager: sign in",
    officeJs: true,
  },
  teams: {
    import: "./src/surfaces/teams/main.tsx",
    html: "teams.html",
    title: "Contact Strategy Manager",
    officeJs: false,
  },
};

const presentEntries = () =>
  Object.fromEntries(Object.entries(ENTRIES).filter(([, e]) => fs.existsSync(path.resolve(__dirname, e.import))));

function pageHtml({ title, officeJs }, name) {
  // The page shell. Scripts are injected by HtmlWebpackPlugin (deferred, in <head>). An entry that
  // loads its UI as a chunk of its own ("<name>-ui", the preview: issue 10) has it preloaded here,
  // so it downloads with the entry's scripts rather than after they have run.
  return ({ htmlWebpackPlugin, compilation }) => {
    const publicPath = htmlWebpackPlugin.files.publicPath ?? "";
    const ui = name ? compilation?.namedChunkGroups.get(`${name}-ui`) : undefined;
    const preloads = (ui ? ui.getFiles().filter((f) => f.endsWith(".js")) : [])
      .map((f) => `<link rel="preload" as="script" href="${publicPath}${f}">`)
      .join("\n");
    return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="assets/icon-32.png">
${officeJs ? `<script src="${OFFICE_JS}"></script>` : ""}
<style>html,body{margin:0;padding:0;height:100%}body{font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif}#root{min-height:100%}</style>
${htmlWebpackPlugin.tags.headTags}
${preloads}
</head>
<body>
<div id="root"></div>
<noscript>This page needs JavaScript.</noscript>
${htmlWebpackPlugin.tags.bodyTags}
</body>
</html>
`;
  };
}

/**
 * The Office dev certificates (m365-reference §6.3). office-addin-dev-certs makes them and trusts
 * its CA; where it cannot trust the CA (Linux without sudo, a locked-down machine) the
 * certificates it made are still used, and it says how to trust the CA by hand.
 */
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
    const read = (f) => fs.readFileSync(path.join(dir, f));
    if (!fs.existsSync(path.join(dir, "localhost.crt"))) throw err;
    console.warn(
      `\nThe Office dev CA could not be trusted automatically (${String(err.message).split("\n")[0]}).\n` +
        `Serving with the certificates in ${dir}; trust ${path.join(dir, "ca.crt")} in your browser or system to sideload.\n`,
    );
    return { key: read("localhost.key"), cert: read("localhost.crt"), ca: read("ca.crt") };
  }
}

/**
 * Writes dist/bundle-report.json: for each entry, the JavaScript its page loads eagerly (the
 * entrypoint's initial chunks; lazy chunks excluded), raw and gzip bytes. `npm run bench` and the
 * size test read it.
 */
class BundleReportPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("BundleReportPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "BundleReportPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const report = { generatedAt: new Date().toISOString(), entries: {} };
          const measure = (files) => {
            let raw = 0;
            let gzip = 0;
            for (const file of files) {
              const source = compilation.getAsset(file)?.source.buffer();
              if (!source) continue;
              raw += source.length;
              gzip += zlib.gzipSync(source, { level: 9 }).length;
            }
            return { rawBytes: raw, gzipBytes: gzip };
          };
          for (const [name, entrypoint] of compilation.entrypoints) {
            const files = entrypoint.getFiles().filter((f) => f.endsWith(".js"));
            report.entries[name] = { files, ...measure(files) };
            // An entry that loads its UI as a chunk of its own while it reads the record (the
            // preview: main.ts imports "<entry>-ui"): what the page runs before its first card.
            const ui = compilation.namedChunkGroups.get(`${name}-ui`);
            if (ui) {
              const firstCard = [...new Set([...files, ...ui.getFiles().filter((f) => f.endsWith(".js"))])];
              report.entries[name].firstCard = { files: firstCard, ...measure(firstCard) };
            }
          }
          compilation.emitAsset(
            "bundle-report.json",
            new compiler.webpack.sources.RawSource(JSON.stringify(report, null, 2) + "\n"),
          );
        },
      );
    });
  }
}

/**
 * A deployment build: `npm run package` sets ADDIN_ORIGIN to the production address. It ships
 * no preview page and no sample data (they are for `npm start` and the browser tests), and no
 * source maps unless SOURCE_MAPS=1 asks for them (they would publish the whole source, comments
 * and all). `npm run build` and the browser tests' build keep everything.
 */
const deploymentBuild = (dev) => !dev && Boolean(process.env.ADDIN_ORIGIN);
const DEPLOYMENT_OMITS = ["preview"];

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode !== "production";
  const https = Boolean(env.https);
  const deployment = deploymentBuild(dev);
  const entries = Object.fromEntries(
    Object.entries(presentEntries()).filter(([name]) => !(deployment && DEPLOYMENT_OMITS.includes(name))),
  );
  const standalone = new Set(Object.keys(entries).filter((n) => entries[n].standalone));
  // Chunks loaded with the page (not lazy views, not standalone runtimes) share vendor chunks.
  const initialShared = (chunk) => chunk.canBeInitial() && !standalone.has(chunk.name);
  const port = Number(process.env.PORT || process.env.npm_package_config_dev_server_port || 3000);
  // Production manifests point at the real host (ADDIN_ORIGIN, e.g. https://csm.example.gov.uk).
  const origin = process.env.ADDIN_ORIGIN || DEV_ORIGIN;

  const copy = [
    { from: "assets", to: "assets", noErrorOnMissing: true },
    ...(deployment ? [] : [{ from: "src/surfaces/preview/sample", to: "sample", noErrorOnMissing: true }]),
  ];
  if (fs.existsSync(path.resolve(__dirname, "manifest.xml"))) {
    copy.push({
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) => (dev ? content : content.toString().replaceAll(DEV_ORIGIN, origin)),
    });
  }

  let server = { type: "http" };
  if (https && !env.WEBPACK_BUILD) server = { type: "https", options: await httpsOptions() };

  return {
    mode: dev ? "development" : "production",
    devtool: dev
      ? "eval-cheap-module-source-map"
      : deployment && process.env.SOURCE_MAPS !== "1"
        ? false
        : "source-map",
    context: __dirname,
    entry: Object.fromEntries(Object.entries(entries).map(([name, e]) => [name, { import: e.import }])),
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: (data) =>
        standalone.has(data.chunk?.name)
          ? entries[data.chunk.name].filename || `${data.chunk.name}.js`
          : dev
            ? "[name].js"
            : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [
            // Griffel ahead of time (production): makeStyles calls become precomputed class names
            // and CSS at build time, as Fluent's own packages ship, so no style is compiled in the
            // browser and the style compiler (stylis, rtl-css-js) is not shipped (issue 10 item 2).
            // First in the list, so it runs last, on ts-loader's JavaScript; the modules it
            // evaluates for the styles' values (tokens, src/ui/styles.ts) are read with babelOptions.
            ...(dev
              ? []
              : [
                  {
                    loader: "@griffel/webpack-loader",
                    options: { babelOptions: { presets: ["@babel/preset-typescript"] } },
                  },
                ]),
            {
              loader: "ts-loader",
              options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: true } },
            },
          ],
        },
        { test: /\.jsonl$/, type: "asset/source" },
      ],
    },
    optimization: {
      // Vendor code in a few long-lived chunks shared by the pages: React, Fluent (with Griffel
      // and Tabster), the rest. Standalone bundles (on-send in classic Windows) never share.
      splitChunks: {
        chunks: (chunk) => !standalone.has(chunk.name),
        cacheGroups: {
          // React is the same for every page: one long-lived chunk.
          react: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
            name: "vendor-react",
            priority: 30,
            chunks: initialShared,
          },
          // Fluent (with Griffel, Tabster, Floating UI) per set of pages that use the same parts, so
          // a page never loads Fluent components only another page or a lazy view needs.
          fluent: {
            test: /[\\/]node_modules[\\/](@fluentui|@griffel|tabster|keyborg|@floating-ui|@swc[\\/]helpers|use-sync-external-store)[\\/]/,
            name: (_module, chunks) =>
              `vendor-fluent-${chunks
                .map((c) => c.name)
                .sort()
                .join("-")}`,
            priority: 20,
            chunks: initialShared,
          },
          defaultVendors: { test: /[\\/]node_modules[\\/]/, priority: -10, reuseExistingChunk: true },
          default: { minChunks: 2, priority: -20, reuseExistingChunk: true },
        },
      },
    },
    performance: { hints: false }, // sizes are reported in bundle-report.json and `npm run bench`
    plugins: [
      ...Object.entries(entries)
        .filter(([, e]) => e.html)
        .map(
          ([name, e]) =>
            new HtmlWebpackPlugin({
              filename: e.html,
              chunks: [name],
              inject: false,
              scriptLoading: "defer",
              templateContent: pageHtml(e, name),
            }),
        ),
      new CopyWebpackPlugin({ patterns: copy }),
      new BundleReportPlugin(),
    ],
    devServer: {
      port,
      host: "localhost",
      server,
      headers: { "Access-Control-Allow-Origin": "*" },
      // The dev server's client (hot reload, live reload) is injected into every entry, and the
      // classic-Windows on-send runtime cannot run it (m365-reference §6.3: hot: false, client:
      // false for event-based bundles). With a standalone entry present, reload the page by hand.
      hot: standalone.size === 0,
      liveReload: standalone.size === 0,
      static: false,
      client: standalone.size === 0 ? { overlay: { errors: true, warnings: false } } : false,
    },
  };
};

module.exports.ENTRIES = ENTRIES;
module.exports.pageHtml = pageHtml;
