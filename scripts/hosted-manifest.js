/*
 * The manifest of a hosted build: where the add-in is served from (TIPS_ADDIN_URL), checked, and
 * written into the manifest with package.json's version. Used by webpack.config.js; one rule each:
 *   addinBase(text)         the base URL the add-in is served from, or an AddinUrlError
 *   officeVersion(version)  package.json's MAJOR.MINOR.PATCH as Office's n.n.n.n
 *   hostedManifest(xml, o)  manifest.xml with every add-in URL under the base, its origin as the
 *                           AppDomain, and the version
 */

/** Where manifest.xml points: the dev server of `npm start`. */
const DEV_URL = "https://localhost:3000/";
const DEV_ORIGIN = "https://localhost:3000";

/** What the README and every message call the setting. */
const SETTING = "TIPS_ADDIN_URL";
const EXAMPLE = "https://addins.example.gov/tips/";

/** A refusal the build prints as one line (no stack trace). */
class AddinUrlError extends Error {
  constructor(message) {
    super(message);
    this.name = "AddinUrlError";
  }
}

function refuse(text, why) {
  return new AddinUrlError(`${SETTING} ${JSON.stringify(text)} ${why} (for example ${EXAMPLE})`);
}

/**
 * The base URL every add-in file is served under, ending in "/". Office loads add-ins only over
 * HTTPS, so the URL must be https:// with a host; credentials, a query or a fragment would end up
 * in every URL of the manifest, so they are refused too.
 */
function addinBase(text) {
  const raw = String(text ?? "").trim();
  if (raw === "") throw refuse(raw, "is empty");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw);
  if (!scheme || scheme[1].toLowerCase() !== "https") {
    throw refuse(raw, "is not an https:// URL: Office loads add-ins only over HTTPS");
  }
  // The URL parser would read "https:///tips/" as the host "tips": look at the text itself.
  if (!/^https:\/\/[^/?#\\\s]/i.test(raw)) throw refuse(raw, "names no host");
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(raw, "is not a valid URL");
  }
  if (url.hostname === "") throw refuse(raw, "names no host");
  if (url.username !== "" || url.password !== "") {
    throw refuse(raw, "carries a user name or password: they would be written into the manifest");
  }
  if (url.search !== "" || raw.includes("?")) throw refuse(raw, "has a query (?...)");
  if (url.hash !== "" || raw.includes("#")) throw refuse(raw, "has a fragment (#...)");
  if (/\.(html?|xml|js|json)$/i.test(url.pathname)) {
    throw refuse(raw, "names a file: give the folder the add-in's files are served from");
  }
  const href = url.href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** package.json's version (MAJOR.MINOR.PATCH, numbers only) as Office's four-part version. */
function officeVersion(version) {
  const m = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(String(version));
  if (!m) {
    throw new AddinUrlError(
      `package.json version ${JSON.stringify(version)} cannot be an add-in version: use MAJOR.MINOR.PATCH, numbers only (for example 1.2.0)`
    );
  }
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}.0`;
}

function escapeXml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * manifest.xml (which points at DEV_URL) for the add-in served under `base` (from addinBase), at
 * `version` (from officeVersion). The Id is never touched: Office knows the add-in by it.
 */
function hostedManifest(xml, { base, version }) {
  const origin = new URL(base).origin;
  const versions = xml.match(/<Version>[^<]*<\/Version>/g) ?? [];
  if (versions.length !== 1) {
    throw new Error(`manifest.xml has ${versions.length} <Version> elements, expected 1`);
  }
  const out = xml
    .split(DEV_URL)
    .join(escapeXml(base))
    .split(`<AppDomain>${DEV_ORIGIN}</AppDomain>`)
    .join(`<AppDomain>${escapeXml(origin)}</AppDomain>`)
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
  if (base !== DEV_URL && out.includes(DEV_ORIGIN)) {
    throw new Error(`manifest.xml names ${DEV_ORIGIN} in a form the hosted build cannot rewrite`);
  }
  return out;
}

module.exports = {
  AddinUrlError,
  DEV_URL,
  SETTING,
  addinBase,
  hostedManifest,
  officeVersion,
};
