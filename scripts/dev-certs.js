/*
 * HTTPS options for the dev server on https://localhost:3000.
 *
 * Office only loads add-ins over HTTPS. office-addin-dev-certs makes a development CA and a
 * localhost certificate in ~/.office-addin-dev-certs and installs the CA as trusted. Installing
 * needs `sudo` (on Linux it runs update-ca-certificates), which a container or a user without
 * sudo does not have. Then we fall back, in this order:
 *   1. the certificate files it did make (served as they are; trust the CA by hand, see below);
 *   2. no options: webpack-dev-server makes its own self-signed certificate.
 * Either way the server runs; the browser (and Excel on the web) will only trust it once the CA
 * is trusted, which is explained by trustHelp().
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");
const CA = path.join(CERT_DIR, "ca.crt");
const CERT = path.join(CERT_DIR, "localhost.crt");
const KEY = path.join(CERT_DIR, "localhost.key");

function readCertFiles() {
  if (![CA, CERT, KEY].every((f) => fs.existsSync(f))) return undefined;
  return { ca: fs.readFileSync(CA), cert: fs.readFileSync(CERT), key: fs.readFileSync(KEY) };
}

/**
 * Resolve to { options, trusted, note }: `options` for devServer.server.options (undefined
 * means "let webpack-dev-server make a self-signed one"), whether the CA is installed as
 * trusted, and a one-line note on what happened.
 */
async function httpsServerOptions() {
  require("./usage-data-off").turnUsageDataOff();
  // npm start has just run the check below; its dev server only reads the result. (Running it
  // again would, where the CA cannot be installed, make yet another CA.)
  if (process.env.TIPS_DEV_CERTS_CHECKED === "1") {
    const files = readCertFiles();
    if (files)
      return { options: files, trusted: false, note: "dev certificate (checked by npm start)" };
  }
  try {
    const devCerts = require("office-addin-dev-certs");
    const { ca, cert, key } = await devCerts.getHttpsServerOptions();
    return { options: { ca, cert, key }, trusted: true, note: "trusted dev certificate" };
  } catch (err) {
    const reason = String(err && err.message ? err.message : err).split("\n")[0];
    const files = readCertFiles();
    if (files) {
      return {
        options: files,
        trusted: false,
        note: `dev certificate made but not installed as trusted (${reason})`,
      };
    }
    return {
      options: undefined,
      trusted: false,
      note: `no dev certificate (${reason}); using webpack-dev-server's self-signed one`,
    };
  }
}

function trustHelp() {
  // The path is the one office-addin-dev-certs checks (scripts/verify_linux.sh): once the CA is
  // there, later runs reuse the certificates instead of making new ones each time.
  const target = "/usr/local/share/ca-certificates/office-addin-dev-certs";
  return [
    "To trust the development CA on Linux (once, then run npm start again):",
    `  sudo mkdir -p ${target} && sudo cp ${CA} ${target}/ && sudo update-ca-certificates`,
    "Chromium and Firefox keep their own certificate store (NSS); add the CA there too:",
    `  certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Office Add-in Dev CA" -i ${CA}`,
    "Or, for a quick look only, accept the browser's certificate warning once.",
  ].join("\n");
}

module.exports = { httpsServerOptions, trustHelp, CERT_DIR };
