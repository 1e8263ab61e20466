/*
 * Build of the add-in's web part into dist/:
 *   functions.js    custom functions (src/functions/functions.ts), with the
 *                   CustomFunctions.associate calls added by CustomFunctionsMetadataPlugin
 *   functions.json  their metadata, generated from the JSDoc @customfunction tags (never by hand)
 *   taskpane.html   the task pane page; it loads functions.js too (shared runtime: one page, one
 *                   JavaScript runtime for the task pane and the custom functions)
 *   taskpane.js, taskpane.css, assets/*.png, manifest.xml
 * taskpane.html carries the pane's Content-Security-Policy (no eval, no inline script), so every
 * script is a file and the source maps are files too (devtool "source-map", never "eval").
 *
 * Type-checking is a separate step (`tsc --noEmit`, run by `npm test`), so ts-loader only
 * transpiles: a production build takes seconds.
 *
 * `webpack serve` (npm run dev-server, npm start) serves the same files on https://localhost:3000
 * with the certificates of office-addin-dev-certs (see scripts/dev-certs.js for the fallbacks).
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const hosted = require("./scripts/hosted-manifest");
const { version: PACKAGE_VERSION } = require("./package.json");

const DEV_PORT = 3000;
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";

/*
 * The manifest points at https://localhost:3000/. To build for a real host, set TIPS_ADDIN_URL
 * (for example https://addins.example.gov/tips/): dist/manifest.xml then points there, with that
 * origin as its AppDomain. Either way its <Version> is package.json's version.
 */
function manifestSettings() {
  const target = process.env[hosted.SETTING];
  const base = target ? hosted.addinBase(target) : hosted.DEV_URL;
  return { base, version: hosted.officeVersion(PACKAGE_VERSION) };
}

module.exports = async (env, argv) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const serving = Boolean(env && env.WEBPACK_SERVE);

  let manifest;
  try {
    manifest = manifestSettings();
  } catch (err) {
    if (!(err instanceof hosted.AddinUrlError)) throw err;
    console.error(`Cannot build: ${err.message}`); // one line: the setting to fix, not a trace
    process.exit(1);
  }
  if (manifest.base !== hosted.DEV_URL) {
    console.log(`Hosted build: manifest.xml ${manifest.version} for ${manifest.base}`);
  }

  let https = { options: undefined, note: "" };
  if (serving) {
    https = await require("./scripts/dev-certs").httpsServerOptions();
    console.log(`HTTPS: ${https.note}`);
  }

  return {
    mode,
    context: __dirname,
    target: ["web", "es2020"],
    devtool: "source-map",
    entry: {
      functions: FUNCTIONS_SOURCE,
      // no-eval first: it configures zod before any schema runs (see the file).
      taskpane: ["./src/taskpane/no-eval.ts", "./src/taskpane/taskpane.ts"],
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
      // functions.js must also load where there is no `window` or `self`, only a global object
      // (Excel's JavaScript-only custom functions runtime, Node's vm in the bundle test).
      globalObject: "globalThis",
      // Chunks (the browser-only mode's .xlsx layer, loaded by import()) load relative to the
      // page. An explicit public path also keeps webpack's "auto" detection code (which looks
      // for a worker's importScripts) out of the bundle.
      publicPath: "",
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              // ES modules let webpack tree-shake and concatenate; the rest is tsconfig.json.
              compilerOptions: { module: "es2020", sourceMap: true, noEmit: false },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: FUNCTIONS_SOURCE,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the task pane page hosts the custom functions too. functions first, so
        // the functions are associated before the task pane starts.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => hosted.hostedManifest(content.toString(), manifest),
          },
        ],
      }),
    ],
    optimization: {
      // Terser's reduce_vars rewrites a single-use function as a closure made anew at each call
      // of its caller: a cached =TIPS.QUARTER took 1.5x as long (npm run bench -- functions).
      minimizeOptions: { javascript: { compress: { passes: 2, reduce_vars: false } } },
    },
    performance: { hints: false },
    stats: "minimal",
    infrastructureLogging: { level: "warn" },
    devServer: {
      host: "localhost",
      port: DEV_PORT,
      // Excel (desktop and web) fetches functions.json and functions.js from another origin.
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https.options ? { type: "https", options: https.options } : { type: "https" },
      static: false,
      hot: false,
      liveReload: true,
      client: { logging: "warn", overlay: { errors: true, warnings: false } },
      devMiddleware: { stats: "minimal" },
    },
  };
};
