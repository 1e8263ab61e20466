/**
 * The manifest, checked offline: well-formed, every resid defined, the shared-runtime wiring,
 * namespace TIPS, https URLs on localhost:3000, icons present at the sizes they are used at.
 * The mutation cases prove the checker rejects what it should.
 */
import fs from "fs";
import path from "path";
import {
  ADDIN_ID,
  checkManifest,
  idOf,
  pngSize,
  readerFor,
  versionOf,
} from "./helpers/manifest-check";
import { XmlError, parseXml } from "./helpers/xml";
import { NEEDS_BUILD, testRequiring } from "./helpers/requires";
import { officeVersion } from "../scripts/hosted-manifest";
import { version as PACKAGE_VERSION } from "../package.json";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

const readFile = readerFor(ROOT);
const check = (xml: string): string[] => checkManifest(xml, { readFile });

/** Replace exactly one occurrence, so a mutation never silently does nothing. */
function replaceOnce(xml: string, from: string, to: string): string {
  const at = xml.indexOf(from);
  if (at < 0 || xml.indexOf(from, at + 1) >= 0) {
    throw new Error(`mutation target must occur exactly once: ${from}`);
  }
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

describe("manifest.xml", () => {
  test("passes every offline check", () => {
    expect(check(MANIFEST)).toEqual([]);
  });

  test("is the XML manifest of a task pane add-in named TIPS Outreach with a fixed GUID", () => {
    const root = parseXml(MANIFEST);
    expect(root.name).toBe("OfficeApp");
    expect(MANIFEST).toMatch(/<Id>[0-9a-f-]{36}<\/Id>/);
    expect(MANIFEST).toContain('<DisplayName DefaultValue="TIPS Outreach"/>');
  });

  test.each([16, 32, 64, 80, 128])(
    "assets/icon-%i.png is a square PNG of that many pixels",
    (size) => {
      const data = readFile(`assets/icon-${size}.png`);
      expect(data).toBeDefined();
      expect(pngSize(data as Buffer)).toEqual({ width: size, height: size });
    }
  );

  test("the icons are not blank (a mark on a background, not one flat colour)", () => {
    const data = readFile("assets/icon-32.png") as Buffer;
    // Deflated pixels of a one-colour 32x32 image are a few dozen bytes; the mark makes more.
    expect(data.length).toBeGreaterThan(200);
  });

  const built = path.join(ROOT, "dist", "manifest.xml");
  testRequiring(fs.existsSync(built), NEEDS_BUILD)(
    "the built dist/manifest.xml passes too, and every file it names is in dist/",
    () => {
      const xml = fs.readFileSync(built, "utf8");
      const readDist = readerFor(path.join(ROOT, "dist"));
      expect(checkManifest(xml, { readFile: readDist, requireFiles: true })).toEqual([]);
    }
  );

  testRequiring(fs.existsSync(built), NEEDS_BUILD)(
    "the built manifest keeps the Id and takes package.json's version",
    () => {
      const xml = fs.readFileSync(built, "utf8");
      expect(idOf(xml)).toBe(ADDIN_ID);
      expect(versionOf(xml)).toBe(officeVersion(PACKAGE_VERSION));
    }
  );

  test("the Id never changes: Office knows the add-in by it", () => {
    expect(idOf(MANIFEST)).toBe(ADDIN_ID);
  });
});

describe("the manifest checker rejects broken manifests", () => {
  const cases: ReadonlyArray<[string, (xml: string) => string, RegExp]> = [
    [
      "an unclosed element",
      (x) => replaceOnce(x, "</Hosts>\n  <Requirements>", "\n  <Requirements>"),
      /not well-formed/,
    ],
    ["mismatched tags", (x) => replaceOnce(x, "</ProviderName>", "</Provider>"), /not well-formed/],
    [
      "a duplicate attribute",
      (x) =>
        replaceOnce(x, '<Runtime resid="Taskpane.Url"', '<Runtime resid="Taskpane.Url" resid="X"'),
      /not well-formed.*duplicate/,
    ],
    [
      "a bare ampersand",
      (x) => replaceOnce(x, "<ProviderName>TIPS Outreach", "<ProviderName>TIPS & Co"),
      /not well-formed/,
    ],
    [
      "an undefined resid",
      (x) => replaceOnce(x, '<Label resid="TipsGroup.Label"/>', '<Label resid="Nope.Label"/>'),
      /"Nope\.Label", which is not defined/,
    ],
    [
      "a resid of the wrong kind",
      (x) =>
        replaceOnce(
          x,
          '<FunctionFile resid="Taskpane.Url"/>',
          '<FunctionFile resid="TipsGroup.Label"/>'
        ),
      /ShortStrings entry/,
    ],
    [
      "a duplicate resource id",
      (x) => replaceOnce(x, '<bt:String id="TipsGroup.Label"', '<bt:String id="GetStarted.Title"'),
      /defined twice/,
    ],
    [
      "no SharedRuntime requirement",
      (x) => replaceOnce(x, '<Set Name="SharedRuntime" MinVersion="1.1"/>', ""),
      /SharedRuntime/,
    ],
    [
      "a short-lived runtime",
      (x) => replaceOnce(x, 'lifetime="long"', 'lifetime="short"'),
      /lifetime/,
    ],
    [
      "the FunctionFile on another page",
      (x) =>
        replaceOnce(
          x,
          '<FunctionFile resid="Taskpane.Url"/>',
          '<FunctionFile resid="GetStarted.LearnMoreUrl"/>'
        ),
      /FunctionFile uses resid "GetStarted\.LearnMoreUrl", not the runtime's/,
    ],
    [
      "the functions' Page on another page",
      (x) =>
        replaceOnce(
          x,
          '<Page>\n              <SourceLocation resid="Taskpane.Url"/>',
          '<Page>\n              <SourceLocation resid="GetStarted.LearnMoreUrl"/>'
        ),
      /Page uses resid/,
    ],
    [
      "the task pane on another page",
      (x) =>
        replaceOnce(
          x,
          '<TaskpaneId>TipsTaskpane</TaskpaneId>\n                    <SourceLocation resid="Taskpane.Url"/>',
          '<TaskpaneId>TipsTaskpane</TaskpaneId>\n                    <SourceLocation resid="GetStarted.LearnMoreUrl"/>'
        ),
      /task pane uses resid/,
    ],
    [
      "another namespace",
      (x) =>
        replaceOnce(
          x,
          'id="Functions.Namespace" DefaultValue="TIPS"',
          'id="Functions.Namespace" DefaultValue="CONTOSO"'
        ),
      /namespace is "CONTOSO"/,
    ],
    [
      "an http URL",
      (x) =>
        replaceOnce(
          x,
          '"https://localhost:3000/functions.json"',
          '"http://localhost:3000/functions.json"'
        ),
      /is not https/,
    ],
    [
      "a URL off localhost",
      (x) =>
        replaceOnce(
          x,
          '"https://localhost:3000/functions.js"',
          '"https://cdn.example.com/functions.js"'
        ),
      /not under https:\/\/localhost:3000\//,
    ],
    [
      "a missing icon",
      (x) => replaceOnce(x, "assets/icon-80.png", "assets/icon-81.png"),
      /icon-81\.png" does not exist/,
    ],
    [
      "an icon of the wrong size",
      (x) => replaceOnce(x, "assets/icon-16.png", "assets/icon-32.png"),
      /is 32x32, expected 16x16/,
    ],
    [
      "no AppDomain for the add-in's origin",
      (x) => replaceOnce(x, "<AppDomain>https://localhost:3000</AppDomain>", ""),
      /AppDomains does not list https:\/\/localhost:3000/,
    ],
    [
      "an AppDomain with a path",
      (x) =>
        replaceOnce(
          x,
          "<AppDomain>https://localhost:3000</AppDomain>",
          "<AppDomain>https://localhost:3000</AppDomain><AppDomain>https://localhost:3000/tips</AppDomain>"
        ),
      /AppDomain "https:\/\/localhost:3000\/tips" is not an https origin/,
    ],
    ["a non-GUID Id", (x) => x.replace(/<Id>[^<]*<\/Id>/, "<Id>tips</Id>"), /not a GUID/],
    [
      "no ribbon button",
      (x) => replaceOnce(x, 'xsi:type="ShowTaskpane"', 'xsi:type="ExecuteFunction"'),
      /no ribbon button/,
    ],
  ];

  test.each(cases)("%s", (_name, mutate, expected) => {
    const problems = check(mutate(MANIFEST));
    expect(problems.join("\n")).toMatch(expected);
  });
});

describe("the XML reader is strict", () => {
  const bad: ReadonlyArray<[string, string]> = [
    ["mismatched end tag", "<a><b></a></b>"],
    ["unclosed root", "<a><b/>"],
    ["two roots", "<a/><b/>"],
    ["text outside the root", "<a/>text"],
    ["duplicate attribute", '<a x="1" x="2"/>'],
    ["unquoted attribute", "<a x=1/>"],
    ["unknown entity", "<a>&nbsp;</a>"],
    ["bare ampersand", "<a>fish & chips</a>"],
    ["< in attribute", '<a x="<"/>'],
    ["-- in comment", "<a><!-- a -- b --></a>"],
    ["declaration not first", '<a/><?xml version="1.0"?>'],
    ["DOCTYPE", "<!DOCTYPE a><a/>"],
    ["empty document", "   "],
  ];
  test.each(bad)("rejects %s", (_name, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });

  test("reads attributes, text, entities, CDATA and comments", () => {
    const root = parseXml(
      "<?xml version=\"1.0\"?>\n<!-- c --><a k='v &amp; w'><b>x &lt; y &#65;&#x42;</b><![CDATA[<raw>]]></a>"
    );
    expect(root.attributes.k).toBe("v & w");
    expect(root.children[0].text).toBe("x < y AB");
    expect(root.text).toBe("<raw>");
  });
});
