#!/usr/bin/env node
/*
 * Turn off the usage data ("telemetry") of the Office dev tools for this user.
 *
 * office-addin-lint, office-addin-debugging, office-addin-dev-certs, office-addin-manifest and
 * office-addin-dev-settings all report through office-addin-usage-data. Versions of that package
 * before 2.1 sent events and exceptions to Application Insights unless the user had opted out;
 * the opt-out lives in a settings file in the user's home directory,
 * ~/office-addin-usage-data.json, as
 *   { "usageDataInstances": { "office-addin-usage-data": { "usageDataLevel": "off" } } }
 * which is what `npx office-addin-usage-data off` writes. There is no environment variable.
 *
 * The versions locked in package-lock.json (2.1.1 and 3.0.0) have the reporting removed (every
 * method is a no-op and there is no Application Insights client), and test/no-network.test.ts
 * holds that. We still write the opt-out, so that a tool resolved from elsewhere (a global
 * install, npx, an older lockfile) sends nothing either. Every script that calls those tools
 * (scripts/start.js, scripts/stop.js, scripts/test.js, .ci/run) runs this first.
 *
 * Usage: node scripts/usage-data-off.js [--quiet]   (or require it, call turnUsageDataOff()).
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

const SETTINGS_FILE = "office-addin-usage-data.json";
const GROUP = "office-addin-usage-data";
const OFF = "off";

function settingsPath(home = os.homedir()) {
  return path.join(home, SETTINGS_FILE);
}

/** Whether the settings file in `home` says usage data is off. */
function isUsageDataOff(home = os.homedir()) {
  try {
    const json = JSON.parse(fs.readFileSync(settingsPath(home), "utf8"));
    return json?.usageDataInstances?.[GROUP]?.usageDataLevel === OFF;
  } catch {
    return false;
  }
}

/** Write the opt-out, keeping any other settings in the file. Returns the file's path. */
function turnUsageDataOff(home = os.homedir()) {
  const file = settingsPath(home);
  if (isUsageDataOff(home)) return file;
  let json = {};
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8")) || {};
  } catch {
    json = {}; // absent or unreadable: start afresh
  }
  if (typeof json !== "object" || Array.isArray(json)) json = {};
  const instances =
    json.usageDataInstances && typeof json.usageDataInstances === "object"
      ? json.usageDataInstances
      : {};
  instances[GROUP] = { ...(instances[GROUP] || {}), usageDataLevel: OFF };
  json.usageDataInstances = instances;
  fs.writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
  return file;
}

module.exports = { turnUsageDataOff, isUsageDataOff, settingsPath };

if (require.main === module) {
  try {
    const file = turnUsageDataOff();
    if (!process.argv.includes("--quiet"))
      console.log(`Office dev tools usage data: off (${file})`);
  } catch (err) {
    // Never block a build on this: the installed tools send nothing anyway (see above).
    console.warn(`Could not write the usage-data opt-out: ${err.message}`);
  }
}
