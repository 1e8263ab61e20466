#!/usr/bin/env node
/*
 * npm start: build (development), make sure there are HTTPS certificates for localhost, start
 * the dev server on https://localhost:3000 in the background, then
 *   - on Windows and macOS, sideload the add-in into Excel (office-addin-debugging start);
 *   - elsewhere (Linux), print how to load it into Excel on the web, and the browser-only address.
 * `npm stop` stops the server (and unregisters the add-in where it was sideloaded).
 */
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const https = require("https");
const path = require("path");
const { turnUsageDataOff } = require("./usage-data-off");
const state = require("./dev-server-state");

const READY_TIMEOUT_MS = 120000;

function bin(name) {
  return path.join(
    state.ROOT,
    "node_modules",
    ".bin",
    process.platform === "win32" ? `${name}.cmd` : name
  );
}

/** GET a path of the local dev server; resolves to the status code (0 if unreachable). */
function probe(urlPath) {
  return new Promise((resolve) => {
    const req = https.get(
      `${state.BASE_URL}${urlPath}`,
      { rejectUnauthorized: false, timeout: 5000 }, // our own, possibly untrusted, certificate
      (res) => {
        res.resume();
        resolve(res.statusCode || 0);
      }
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function logTail(lines = 30) {
  try {
    return fs.readFileSync(state.LOG_FILE, "utf8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function printWebInstructions(trusted) {
  const lines = [
    "",
    `The add-in is served on ${state.BASE_URL}. Excel desktop cannot be sideloaded on this platform;`,
    "use Excel on the web:",
    "  1. Open a workbook in Excel on the web (Microsoft 365).",
    "  2. Select Home > Add-ins > More Settings (in some layouts: Insert > Office Add-ins).",
    "  3. In the Office Add-ins dialog, select Upload My Add-in, browse to",
    `     ${path.join(state.ROOT, "manifest.xml")}, and select Upload.`,
    "  4. Home > Outreach Report opens the task pane; =TIPS.FISCALPERIOD(A1) works in any cell.",
    "",
    "Without Excel (browser-only mode, over .xlsx files):",
    `  ${state.BASE_URL}/taskpane.html`,
    "",
  ];
  if (!trusted) {
    lines.push(
      "The HTTPS certificate is not trusted yet: Excel on the web will not load the add-in until it is.",
      require("./dev-certs").trustHelp(),
      ""
    );
  }
  lines.push(
    `Dev server log: ${path.relative(state.ROOT, state.LOG_FILE)}. Stop it with: npm stop`
  );
  console.log(lines.join("\n"));
}

async function main() {
  // office-addin-dev-certs and office-addin-debugging must not send usage data.
  turnUsageDataOff();
  fs.mkdirSync(state.STATE_DIR, { recursive: true });

  const running = state.readPid();
  if (running && state.isOurServer(running)) {
    console.log(
      `The dev server is already running (pid ${running}) on ${state.BASE_URL}. npm stop stops it.`
    );
    return 0;
  }
  if ((await probe("/")) !== 0) {
    console.error(`Something else is already listening on port ${state.PORT}; stop it first.`);
    return 1;
  }

  console.log("> build (development)");
  const build = spawnSync(bin("webpack"), ["--mode", "development"], {
    cwd: state.ROOT,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (build.status !== 0) {
    console.error("The build failed; not starting the dev server.");
    return 1;
  }

  console.log("> HTTPS certificates (office-addin-dev-certs)");
  const certs = await require("./dev-certs").httpsServerOptions();
  console.log(`HTTPS: ${certs.note}`);

  console.log(`> dev server on ${state.BASE_URL}`);
  const log = fs.openSync(state.LOG_FILE, "w");
  const server = spawn(
    process.execPath,
    [
      require.resolve("webpack-cli/bin/cli.js", { paths: [state.ROOT] }),
      "serve",
      "--mode",
      "development",
    ],
    {
      cwd: state.ROOT,
      detached: true, // its own process group: it outlives this script, npm stop ends it
      stdio: ["ignore", log, log],
      // Certificates were just handled above: the server only reads them.
      env: { ...process.env, TIPS_DEV_CERTS_CHECKED: "1" },
      windowsHide: true,
    }
  );
  fs.writeFileSync(state.PID_FILE, `${server.pid}\n`);
  let exited = false;
  server.on("exit", () => {
    exited = true;
  });
  server.unref();

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while ((await probe("/taskpane.html")) !== 200) {
    if (exited || Date.now() > deadline) {
      console.error(`The dev server did not come up. Last lines of its log:\n${logTail()}`);
      if (!exited) process.kill(server.pid);
      fs.rmSync(state.PID_FILE, { force: true });
      return 1;
    }
    await sleep(500);
  }
  console.log(`The dev server is running (pid ${server.pid}).`);

  if (process.platform === "win32" || process.platform === "darwin") {
    // Registers the manifest and opens Excel desktop with the add-in; the dev server is already
    // up on the manifest's port, so it does not start another.
    fs.writeFileSync(state.SIDELOAD_FILE, "desktop\n");
    const sideload = spawnSync(
      bin("office-addin-debugging"),
      ["start", "manifest.xml", "desktop"],
      {
        cwd: state.ROOT,
        stdio: "inherit",
        shell: process.platform === "win32",
      }
    );
    if (sideload.status !== 0) {
      console.error(
        "Sideloading failed; the dev server is still running. Load manifest.xml by hand:"
      );
      printWebInstructions(certs.trusted);
      return 1;
    }
    return 0;
  }
  printWebInstructions(certs.trusted);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exitCode = 1;
  }
);
