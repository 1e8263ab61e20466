/**
 * Tests that need a program (LibreOffice, pdftotext, chromium) or the built bundle never skip
 * silently: without it they fail, saying what to install or run.
 */

type TestFn = (name: string, fn: () => unknown, timeout?: number) => void;

/** `test` when the prerequisite is there; otherwise a test that fails with `missing`. */
export function testRequiring(available: boolean, missing: string): TestFn {
  if (available) return test as unknown as TestFn;
  return (name) =>
    test(name, () => {
      throw new Error(`cannot run: ${missing}`);
    });
}

/** `describe` when the prerequisite is there; otherwise one failing test in its place. */
export function describeRequiring(
  available: boolean,
  missing: string
): (name: string, fn: () => void) => void {
  if (available) return describe;
  return (name) =>
    describe(name, () => {
      test("prerequisite", () => {
        throw new Error(`cannot run: ${missing}`);
      });
    });
}

export const NEEDS_LIBREOFFICE =
  "LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui)";
export const NEEDS_PDFTOTEXT = "pdftotext is not installed (apt-get install -y poppler-utils)";
export const NEEDS_BUILD = "dist/ is not built (npm test builds it; or run npm run build)";
export const NEEDS_CLI_BUILD =
  "build/tips.js is not built (npm ci and npm test build it; or run npm run build:cli)";
