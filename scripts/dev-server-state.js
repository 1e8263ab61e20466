/*
 * Where `npm start` records what it started, for `npm stop`: .tmp/ in the project (ignored by git).
 */
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const STATE_DIR = path.join(ROOT, ".tmp");
const PID_FILE = path.join(STATE_DIR, "dev-server.pid");
const LOG_FILE = path.join(STATE_DIR, "dev-server.log");
const SIDELOAD_FILE = path.join(STATE_DIR, "sideloaded");
const PORT = 3000;
const BASE_URL = `https://localhost:${PORT}`;

function readPid() {
  try {
    const pid = Number(fs.readFileSync(PID_FILE, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` is alive and (where we can tell) still our dev server, not a reused id. */
function isOurServer(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (fs.existsSync(cmdline)) {
    // webpack-cli renames its process "webpack", which replaces the command line.
    return /webpack|serve/.test(fs.readFileSync(cmdline, "utf8"));
  }
  return true;
}

module.exports = {
  ROOT,
  STATE_DIR,
  PID_FILE,
  LOG_FILE,
  SIDELOAD_FILE,
  PORT,
  BASE_URL,
  readPid,
  isOurServer,
};
