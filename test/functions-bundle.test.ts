/**
 * dist/functions.js loads where Excel's JavaScript-only custom functions runtime would load it:
 * a bare global object with `CustomFunctions` and no `window` or `document`. Its associate calls
 * match the generated functions.json. Needs the build (npm test runs it first).
 */
import fs from "fs";
import path from "path";
import vm from "vm";
import { NEEDS_BUILD, describeRequiring } from "./helpers/requires";

const DIST = path.resolve(__dirname, "..", "dist");
const built = fs.existsSync(path.join(DIST, "functions.js"));

class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string
  ) {
    super(message);
  }
}

function loadFunctions(): Map<string, (...args: unknown[]) => unknown> {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const context = vm.createContext({
    CustomFunctions: {
      associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
      Error: CustomFunctionError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    },
    console,
  });
  vm.runInContext(fs.readFileSync(path.join(DIST, "functions.js"), "utf8"), context, {
    filename: "functions.js",
  });
  return associated;
}

describeRequiring(built, NEEDS_BUILD)("dist/functions.js", () => {
  test("loads with no DOM and associates exactly the functions in functions.json", () => {
    const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
    const ids = (metadata.functions as { id: string }[]).map((f) => f.id).sort();
    expect(ids).toContain("FISCALPERIOD");
    expect([...loadFunctions().keys()].sort()).toEqual(ids);
  });

  test("FISCALPERIOD gives the federal fiscal quarter of a serial date", () => {
    const fiscalPeriod = loadFunctions().get("FISCALPERIOD") as (d: unknown) => string;
    expect(fiscalPeriod(39173)).toBe("FY2007 Q3"); // 1 April 2007
    expect(fiscalPeriod(39355)).toBe("FY2007 Q4"); // 30 September 2007
    expect(fiscalPeriod(39356)).toBe("FY2008 Q1"); // 1 October 2007
    expect(() => fiscalPeriod("soon")).toThrow(CustomFunctionError);
  });
});
