#!/usr/bin/env node
/*
 * npm stop: undo `npm start`. Unregister the sideloaded add-in (Windows, macOS) and stop the dev
 * server whose process id `npm start` wrote to .tmp/dev-server.pid. Only that process (and its
 * process group) is ended; nothing is killed by name.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { turnUsageDataOff } = require("./usage-data-off");
const state = require("./dev-server-state");

function stopServer(pid) {
  if (process.platform === "win32") {
    spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
    return;
  }
  try {
    process.kill(-pid, "SIGTERM"); // the group `npm start` created (detached)
  } catch {
    process.kill(pid, "SIGTERM");
  }
}

async function waitForExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function main() {
  // office-addin-debugging must not send usage data.
  turnUsageDataOff();
  let stopped = false;

  if (fs.existsSync(state.SIDELOAD_FILE)) {
    const bin = path.join(state.ROOT, "node_modules", ".bin", "office-addin-debugging");
    spawnSync(
      process.platform === "win32" ? `${bin}.cmd` : bin,
      ["stop", "manifest.xml", "desktop"],
      {
        cwd: state.ROOT,
        stdio: "inherit",
        shell: process.platform === "win32",
      }
    );
    fs.rmSync(state.SIDELOAD_FILE, { force: true });
    stopped = true;
  }

  const pid = state.readPid();
  if (pid && state.isOurServer(pid)) {
    stopServer(pid);
    if (!(await waitForExit(pid, 10000))) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    console.log(`Stopped the dev server (pid ${pid}).`);
    stopped = true;
    fs.rmSync(state.PID_FILE, { force: true });
  } else if (pid) {
    console.log(`The recorded dev server (pid ${pid}) is no longer running; nothing stopped.`);
    fs.rmSync(state.PID_FILE, { force: true });
  }
  if (!stopped) console.log("Nothing to stop: npm start is not running.");
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
