/**
 * The hosted build's rules (scripts/hosted-manifest.js): which TIPS_ADDIN_URL is taken and how it
 * is written, which is refused and with what one line, package.json's version as Office's, and
 * the manifest rewritten for a host.
 */
import fs from "fs";
import path from "path";
import {
  AddinUrlError,
  DEV_URL,
  addinBase,
  hostedManifest,
  officeVersion,
} from "../../scripts/hosted-manifest";
import { checkManifest, readerFor } from "../helpers/manifest-check";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

/** The message addinBase refuses `text` with (fails if it does not refuse). */
function refusal(text: string): string {
  try {
    addinBase(text);
  } catch (err) {
    expect(err).toBeInstanceOf(AddinUrlError);
    return (err as Error).message;
  }
  throw new Error(`addinBase accepted ${JSON.stringify(text)}`);
}

describe("the add-in's base URL (TIPS_ADDIN_URL)", () => {
  test.each([
    ["https://tips.example-agency.gov/outreach/", "https://tips.example-agency.gov/outreach/"],
    ["https://tips.example-agency.gov/outreach", "https://tips.example-agency.gov/outreach/"],
    ["https://tips.example-agency.gov", "https://tips.example-agency.gov/"],
    ["  https://Tips.Example-Agency.GOV/Outreach/  ", "https://tips.example-agency.gov/Outreach/"],
    ["HTTPS://intranet:8443/addins/tips/", "https://intranet:8443/addins/tips/"],
    ["https://10.20.30.40/tips/", "https://10.20.30.40/tips/"],
    ["https://host.example.gov:443/tips/", "https://host.example.gov/tips/"],
    ["https://host.example.gov/a b/", "https://host.example.gov/a%20b/"],
  ])("takes %j as %s", (text, base) => {
    expect(addinBase(text)).toBe(base);
  });

  test.each([
    ["http://tips.example-agency.gov/outreach/", /is not an https:\/\/ URL/],
    ["ftp://tips.example-agency.gov/outreach/", /is not an https:\/\/ URL/],
    ["tips.example-agency.gov/outreach/", /is not an https:\/\/ URL/],
    ["not a url", /is not an https:\/\/ URL/],
    ["", /is empty/],
    ["https://", /names no host/],
    ["https:///outreach/", /names no host/],
    ["https:/tips.example-agency.gov/outreach/", /names no host/],
    ["https://tips example.gov/", /is not a valid URL/],
    ["https://[::1/", /is not a valid URL/],
    ["https://it:secret@tips.example-agency.gov/", /user name or password/],
    ["https://tips.example-agency.gov/outreach/?v=2", /has a query/],
    ["https://tips.example-agency.gov/outreach/#top", /has a fragment/],
    ["https://tips.example-agency.gov/outreach/taskpane.html", /names a file/],
  ])("refuses %j", (text, why) => {
    const message = refusal(text);
    expect(message).toMatch(why);
    expect(message).toContain("TIPS_ADDIN_URL");
    expect(message).toContain("for example https://");
    expect(message.split("\n")).toHaveLength(1);
  });
});

describe("the add-in's version", () => {
  test.each([
    ["0.1.0", "0.1.0.0"],
    ["1.2.3", "1.2.3.0"],
    ["10.0.12", "10.0.12.0"],
    ["01.002.3", "1.2.3.0"],
  ])("package.json %s is Office's %s", (version, office) => {
    expect(officeVersion(version)).toBe(office);
  });

  test.each(["1.2", "1.2.3.4", "1.2.3-beta.1", "v1.2.3", "123456.0.0", ""])(
    "refuses %j in one line",
    (version) => {
      expect(() => officeVersion(version)).toThrow(AddinUrlError);
      expect(() => officeVersion(version)).toThrow(/MAJOR\.MINOR\.PATCH/);
    }
  );
});

describe("the manifest for a host", () => {
  const base = "https://tips.example-agency.gov/outreach/";
  const xml = hostedManifest(MANIFEST, { base, version: "2.5.1.0" });

  test("every add-in URL is under the base, the origin is the AppDomain, and nothing else moves", () => {
    expect(xml).not.toContain("localhost");
    expect(xml).toContain(
      '<SourceLocation DefaultValue="https://tips.example-agency.gov/outreach/taskpane.html"/>'
    );
    expect(xml).toContain("<AppDomain>https://tips.example-agency.gov</AppDomain>");
    expect(xml).toContain("<Version>2.5.1.0</Version>");
    const icons = readerFor(ROOT);
    expect(checkManifest(xml, { base, readFile: icons })).toEqual([]);
    // Same manifest but for the URLs and the version: the Id, the names, the wiring stay.
    const back = xml
      .split(base)
      .join(DEV_URL)
      .replace("<AppDomain>https://tips.example-agency.gov<", "<AppDomain>https://localhost:3000<")
      .replace("<Version>2.5.1.0</Version>", /<Version>[^<]*<\/Version>/.exec(MANIFEST)![0]);
    expect(back).toBe(MANIFEST);
  });

  test("the dev build's manifest is manifest.xml with the version", () => {
    const dev = hostedManifest(MANIFEST, { base: DEV_URL, version: "0.1.0.0" });
    expect(dev).toBe(MANIFEST.replace(/<Version>[^<]*<\/Version>/, "<Version>0.1.0.0</Version>"));
  });

  test("a character XML gives a meaning to is written as a character reference", () => {
    const odd = addinBase("https://host.example.gov/r&d/tips/");
    const out = hostedManifest(MANIFEST, { base: odd, version: "1.0.0.0" });
    expect(out).toContain('"https://host.example.gov/r&#38;d/tips/taskpane.html"');
    expect(checkManifest(out, { base: odd, readFile: readerFor(ROOT) })).toEqual([]);
  });
});
