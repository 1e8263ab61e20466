/*
 * Task pane entry (placeholder: the log form, checks, quarterly report and HQ consolidation
 * come with the next issues). Runs in Excel (Office.js present) and in the browser-only mode
 * (no Office host: office.js absent or not inside Office).
 */

export function showStatus(text: string, doc: Document = document): void {
  const status = doc.getElementById("status");
  if (status) status.textContent = text;
}

if (typeof Office !== "undefined") {
  Office.onReady((info) => {
    showStatus(info.host ? `Ready in ${info.host}.` : "Ready (browser-only mode).");
  });
} else {
  showStatus("Ready (browser-only mode).");
}
