/*
 * Task pane entry. Inside Excel (Office.onReady names the host) the pane works on the open
 * workbook through the Excel JavaScript API. Anywhere else (office.js absent, blocked, or loaded
 * in an ordinary browser where it names no host) it starts in the browser-only mode, which works
 * on an .xlsx file chosen from this computer.
 */
import { OfficeAdapter } from "../workbook/office-adapter";
import { startPane } from "./app";

/** How long to wait for office.js to say where it runs before taking the browser-only mode. */
const OFFICE_READY_TIMEOUT_MS = 10_000;

export async function officeHost(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<string | undefined> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return undefined;
  const timeout = new Promise<undefined>((resolve) => window.setTimeout(resolve, timeoutMs));
  const info = await Promise.race([Office.onReady(), timeout]);
  return info?.host ? String(info.host) : undefined;
}

/** Range.valuesAsJson (ExcelApi 1.16) writes formula-like text as a typed string. */
function hasTypedValues(): boolean {
  try {
    return Office.context.requirements.isSetSupported("ExcelApi", "1.16");
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const host = await officeHost();
  const pane =
    host === "Excel"
      ? startPane(root, {
          kind: "excel",
          adapter: new OfficeAdapter({ typedValues: hasTypedValues() }),
        })
      : startPane(root, { kind: "browser" });
  document.body.dataset.mode = host === "Excel" ? "excel" : "browser";
  (window as { tipsPane?: unknown }).tipsPane = pane;
}

void main();
