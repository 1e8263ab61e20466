/**
 * The pane's shell: the marking, the mode, in the browser-only mode the file bar (open, start,
 * download), the tabs (one view at a time) and the live region. Views are in ./views.
 */
import { setUpWorkbook } from "../app/setup";
import { OfficeAdapter } from "../workbook/office-adapter";
import { announce, busy, errorText, h, hide, message } from "./dom";
import { FileWorkspace, XLSX_MIME, loadXlsxAdapter } from "./file-workspace";
import { downloadWorkbook, readFile } from "./files";
import { Session } from "./session";
import { workbookSummary } from "./summary";
import { VIEWS } from "./views";
import { View, ViewContext, ViewId, ViewInstance } from "./views/view";
import { ExcelWorkspace } from "./workspace";

export type PaneMode = { kind: "excel"; adapter: OfficeAdapter } | { kind: "browser" };

export interface Pane {
  readonly session: Session;
  select(id: ViewId, action?: string): void;
}

/** The name a new workbook is downloaded as. */
export const NEW_WORKBOOK_NAME = "tips-outreach.xlsx";

export function startPane(root: HTMLElement, mode: PaneMode): Pane {
  const session = new Session();
  const views = VIEWS.filter((v) => !v.hidden);
  const tabs = new Map<ViewId, HTMLButtonElement>();
  const panels = new Map<ViewId, HTMLElement>();
  const instances = new Map<ViewId, ViewInstance>();

  const tablist = h("div", { role: "tablist", "aria-label": "TIPS Outreach", class: "tabs" });
  const main = h("main", { id: "views" });
  const modeLine = h(
    "p",
    { class: "mode" },
    mode.kind === "excel"
      ? "Working on the workbook open in Excel."
      : "Browser-only mode: the pane works on an .xlsx file on this computer. Nothing is sent anywhere; download the workbook to keep your changes."
  );
  const fileBar =
    mode.kind === "browser" ? buildFileBar(session, (id, action) => select(id, action)) : null;
  const summary = workbookSummary(session);
  // Between the tabs and the view: whichever view is shown, this says which workbook it works on.
  root.replaceChildren(
    h("nav", { "aria-label": "Views" }, modeLine, fileBar, tablist),
    summary,
    main
  );

  const select = (id: ViewId, action?: string): void => {
    if (!tabs.has(id)) return;
    for (const [vid, tab] of tabs) {
      const on = vid === id;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      panels.get(vid)!.hidden = !on;
    }
    instances.get(id)?.shown?.(action);
  };

  const ctx: ViewContext = {
    session,
    go: (id, action) => {
      select(id, action);
      tabs.get(id)?.focus();
    },
  };

  views.forEach((view: View) => {
    const tab = h(
      "button",
      {
        type: "button",
        role: "tab",
        id: `tab-${view.id}`,
        "aria-controls": `panel-${view.id}`,
        "aria-selected": "false",
        tabindex: -1,
      },
      view.label
    );
    const panel = h("section", {
      role: "tabpanel",
      id: `panel-${view.id}`,
      "aria-labelledby": tab.id,
      hidden: true,
    });
    tab.addEventListener("click", () => select(view.id));
    tab.addEventListener("keydown", (event) => {
      const order = views.map((v) => v.id);
      const i = order.indexOf(view.id);
      const next =
        event.key === "ArrowRight"
          ? order[(i + 1) % order.length]
          : event.key === "ArrowLeft"
            ? order[(i - 1 + order.length) % order.length]
            : event.key === "Home"
              ? order[0]
              : event.key === "End"
                ? order[order.length - 1]
                : undefined;
      if (!next) return;
      event.preventDefault();
      select(next);
      tabs.get(next)?.focus();
    });
    tabs.set(view.id, tab);
    panels.set(view.id, panel);
    tablist.append(tab);
    main.append(panel);
    instances.set(view.id, view.mount(panel, ctx));
  });

  if (mode.kind === "excel") session.open(new ExcelWorkspace(mode.adapter));
  select(views[0].id);
  return { session, select };
}

/** Open a file, start a new workbook, download the result. */
function buildFileBar(session: Session, go: (id: ViewId, action?: string) => void): HTMLElement {
  const input = h("input", {
    type: "file",
    id: "open-file",
    accept: `.xlsx,${XLSX_MIME}`,
    class: "file-input",
  });
  const startNew = h("button", { type: "button" }, "Start a new workbook");
  const download = h(
    "button",
    { type: "button", class: "primary", hidden: true },
    "Download the workbook"
  );
  const state = h("p", { class: "file-state", id: "file-state" }, "No workbook open.");
  const result = h("div", { class: "message", hidden: true });
  let current: FileWorkspace | undefined;

  let opened = "";
  const showState = (): void => {
    if (!current) return;
    state.textContent = current.dirty
      ? `${current.name}: changed. Download the workbook to keep the changes.`
      : `${opened || `${current.name}:`} No unsaved changes.`;
    state.classList.toggle("dirty", current.dirty);
    download.hidden = false;
  };

  const open = (ws: FileWorkspace, text: string): void => {
    current = ws;
    opened = text;
    hide(result);
    session.open(ws);
    showState();
    announce(text);
  };

  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (!file) return;
    void (async () => {
      if (!/\.xlsx$/i.test(file.name)) {
        message(
          result,
          "error",
          `“${file.name}” is not an .xlsx workbook. Choose the office’s workbook saved as .xlsx (Excel Workbook).`
        );
        announce(`${file.name} is not an .xlsx workbook.`);
        return;
      }
      try {
        state.textContent = `Opening ${file.name}…`;
        const XlsxAdapter = await loadXlsxAdapter();
        const adapter = XlsxAdapter.fromBytes((await readFile(file)).bytes);
        const ws = new FileWorkspace(adapter, file.name, () => showState());
        open(ws, `Opened ${file.name}.`);
      } catch (e) {
        state.textContent = current ? state.textContent : "No workbook open.";
        message(result, "error", `${file.name} could not be opened: ${errorText(e)}`);
        announce(`${file.name} could not be opened: ${errorText(e)}`);
      } finally {
        input.value = "";
      }
    })();
  });

  startNew.addEventListener(
    "click",
    () =>
      void busy(startNew, async () => {
        try {
          const XlsxAdapter = await loadXlsxAdapter();
          const adapter = XlsxAdapter.blank();
          const { added } = await setUpWorkbook(adapter);
          const ws = new FileWorkspace(adapter, NEW_WORKBOOK_NAME, () => showState());
          ws.dirty = true;
          open(
            ws,
            `Started a new workbook with the sheets ${added.map((n) => `“${n}”`).join(", ")}. Enter the office and period in Set up.`
          );
          go("setup");
        } catch (e) {
          message(result, "error", `A new workbook could not be started: ${errorText(e)}`);
        }
      })
  );

  download.addEventListener("click", () => {
    if (!current) return;
    try {
      const bytes = current.bytes();
      downloadWorkbook(current.name, bytes);
      opened = `Downloaded ${current.name}.`;
      current.saved();
      const text = `Downloaded ${current.name} (${Math.ceil(bytes.length / 1024)} KB): it is in the browser's downloads. Send that file to HQ.`;
      message(result, "ok", text);
      announce(text);
    } catch (e) {
      message(result, "error", `The workbook could not be saved: ${errorText(e)}`);
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (current?.dirty) event.preventDefault();
  });

  return h(
    "div",
    { class: "file-bar" },
    h("label", { for: input.id, class: "file-label" }, "Open a workbook file (.xlsx)"),
    input,
    h("div", { class: "actions" }, startNew, download),
    state,
    result
  );
}
