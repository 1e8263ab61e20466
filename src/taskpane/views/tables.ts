/**
 * Leads & materials: a form for each optional table (a victim lead, materials handed out, an ad
 * found), one shown at a time. Each is checked with its table's zod row schema (the same rules
 * the Check view applies), saved as one appended row, and, when the workbook has no such sheet,
 * offers to add it as Set up makes it.
 */
import { addOptionalSheet } from "../../app/setup";
import {
  FieldIssue,
  NoTableError,
  TABLE_ENTRY,
  TableEntryForm,
  TableEntryKind,
  findTableTarget,
  tableEntryCells,
  validateTableEntry,
} from "../../app/table-entry";
import { usDate, Day } from "../../core/dates";
import { LEADS_NOTE, LEAD_REQUESTS, LEAD_SOURCE_LABELS } from "../../core/leads";
import { LANGUAGES, MATERIALS, MIN_QUANTITY, WALLET_CARD } from "../../core/materials";
import { OFFERS } from "../../core/media";
import { YES_NO_VALUES } from "../../core/words";
import { OptionalTable } from "../../workbook/layout";
import { announce, busy, errorText, h, hide, message } from "../dom";
import { Field, clearError, field, showError } from "./fields";
import { plural, todayIso, workspaceOrPrompt } from "./common";
import { View, ViewContext } from "./view";

/** How each form's control is made: its kind, the values offered, a hint. */
interface Control {
  readonly kind: "date" | "text" | "textarea" | "number" | "choice" | "yesNo";
  readonly options?: readonly string[];
  readonly hint?: string;
  /** Starts with today's date. */
  readonly today?: boolean;
  /** Shown (and sent) only when this holds of the form's other values. */
  readonly when?: (values: TableEntryForm) => boolean;
}

interface FormSpec {
  readonly table: OptionalTable;
  /** The choice's label and the form's heading. */
  readonly title: string;
  readonly save: string;
  /** What a saved row is called in the message ("lead"). */
  readonly noun: string;
  readonly controls: Readonly<Record<string, Control>>;
  /** What the message says of a saved row. */
  describe(fields: Readonly<Record<string, unknown>>): string;
}

const day = (v: unknown): string => (typeof v === "number" ? usDate(v as Day) : "");

const FORMS: readonly FormSpec[] = [
  {
    table: "leads",
    title: "A victim lead",
    save: "Save the lead",
    noun: "lead",
    controls: {
      received: { kind: "date", today: true, hint: "The day the lead came in." },
      source: { kind: "choice", options: LEAD_SOURCE_LABELS, hint: "Where the lead came from." },
      referringAgency: { kind: "text", hint: "The agency or partner who passed the lead on." },
      request: { kind: "choice", options: LEAD_REQUESTS },
      responded: { kind: "date", hint: "Leave blank while the lead is open." },
      caseOpened: { kind: "yesNo" },
      notes: { kind: "textarea", hint: LEADS_NOTE },
    },
    describe: (f) => `${day(f.received)}, ${String(f.request)} from ${String(f.referringAgency)}`,
  },
  {
    table: "materials",
    title: "Materials handed out",
    save: "Save the materials",
    noun: "materials row",
    controls: {
      date: { kind: "date", today: true },
      agency: { kind: "text", hint: "The agency that received them." },
      material: { kind: "choice", options: MATERIALS },
      language: {
        kind: "choice",
        options: LANGUAGES,
        hint: "The wallet cards' language.",
        when: (v) => v.material === WALLET_CARD,
      },
      quantity: { kind: "number", hint: `How many, ${MIN_QUANTITY} or more.` },
    },
    describe: (f) =>
      `${day(f.date)}, ${String(f.quantity)} × ${String(f.material)}${f.language ? ` (${String(f.language)})` : ""} to ${String(f.agency)}`,
  },
  {
    table: "media",
    title: "An ad found",
    save: "Save the ad",
    noun: "ad",
    controls: {
      date: { kind: "date", today: true, hint: "The ad's date." },
      publication: { kind: "text", hint: "The newspaper or magazine." },
      country: { kind: "text" },
      offer: { kind: "choice", options: OFFERS, hint: "What the ad offers in the United States." },
      translated: { kind: "yesNo" },
      sentToHq: { kind: "date", hint: "The day the translated ad went to HQ." },
    },
    describe: (f) =>
      `${day(f.date)}, ${String(f.offer)} ad in ${String(f.publication)} (${String(f.country)})`,
  },
];

/** A Y/N column's choices: blank, Y or N (the table's own values). */
const YES_NO_LABEL: Readonly<Record<string, string>> = { Y: "Y (yes)", N: "N (no)" };

type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function control(key: string, c: Control): Input {
  const name = key;
  switch (c.kind) {
    case "date":
      return h("input", { type: "date", name, ...(c.today ? { value: todayIso() } : {}) });
    case "number":
      return h("input", { type: "number", name, min: MIN_QUANTITY, step: 1, inputmode: "numeric" });
    case "textarea":
      return h("textarea", { name, rows: 3 });
    case "choice":
      return h(
        "select",
        { name },
        h("option", { value: "" }, "Choose…"),
        (c.options ?? []).map((o) => h("option", { value: o }, o))
      );
    case "yesNo":
      return h(
        "select",
        { name },
        h("option", { value: "" }, "(blank)"),
        YES_NO_VALUES.map((v) => h("option", { value: v }, YES_NO_LABEL[v]))
      );
    default:
      return h("input", { type: "text", name, autocomplete: "off" });
  }
}

/** One table's form: its fields, its messages, its save. */
function tableForm(spec: FormSpec, ctx: ViewContext): HTMLElement {
  const kind: TableEntryKind = TABLE_ENTRY[spec.table];
  const inputs = new Map<string, Input>();
  const fields = new Map<string, Field>();
  for (const column of kind.words.columns) {
    const c = spec.controls[column.key];
    if (!c) continue;
    const input = control(column.key, c);
    inputs.set(column.key, input);
    fields.set(column.key, field(column.header, input, c.hint));
  }
  const result = h("div", { class: "message", hidden: true });
  const notes = h("div", { class: "message message-info", hidden: true });
  const save = h("button", { type: "submit", class: "primary" }, spec.save);
  const warning =
    spec.table === "leads" ? h("p", { class: "warning no-identifying" }, LEADS_NOTE) : null;
  const form = h(
    "form",
    { novalidate: true, "aria-label": spec.title, class: "table-form" },
    warning,
    [...fields.values()].map((f) => f.root),
    h("div", { class: "actions" }, save)
  );

  const values = (): TableEntryForm => {
    const out: Record<string, string> = {};
    for (const [key, input] of inputs) out[key] = input.value;
    return out;
  };
  /** Show the fields that apply; a hidden field is sent blank. */
  const applyVisibility = (): void => {
    const v = values();
    for (const [key, f] of fields) f.root.hidden = !(spec.controls[key].when?.(v) ?? true);
  };
  for (const input of inputs.values()) input.addEventListener("change", applyVisibility);
  applyVisibility();

  const sent = (): TableEntryForm => {
    const v: Record<string, string | boolean | undefined> = { ...values() };
    for (const [key, f] of fields) if (f.root.hidden) v[key] = "";
    return v;
  };

  const showIssues = (issues: readonly FieldIssue[]): void => {
    for (const f of fields.values()) clearError(f);
    for (const issue of issues) {
      const f = fields.get(issue.field);
      if (f) showError(f, issue.message);
    }
  };

  const reset = (): void => {
    for (const [key, input] of inputs) {
      // The date often stays (several rows of one day).
      if (spec.controls[key].today) continue;
      input.value = "";
    }
    applyVisibility();
  };

  const saveRow = async (): Promise<void> => {
    hide(notes);
    const ws = ctx.session.workspace;
    if (!ws) return;
    try {
      const date1904 = await ws.port.date1904();
      const check = validateTableEntry(kind, sent(), date1904);
      if (!check.ok) {
        showIssues(check.issues);
        const text = `Not saved: ${plural(check.issues.length, "field needs", "fields need")} attention.`;
        message(result, "error", text);
        announce(`Not saved. ${check.issues.map((i) => i.message).join(" ")}`);
        fields.get(check.issues[0].field)?.focusTarget.focus();
        return;
      }
      showIssues([]);
      const target = await ws.act(() => findTableTarget(ws.port, kind));
      const where = await ws.appendRow(
        target,
        tableEntryCells(kind, check.fields, target),
        kind.dates
      );
      ctx.session.changed();
      const rowText = where ? `, row ${where.top}` : "";
      const text = `Saved to ${target.table ? `the ${target.sheet} table` : target.sheet}${rowText}: ${spec.describe(check.fields)}.`;
      message(result, "ok", text);
      const noted = check.notes.map((n) => n.message).join(" ");
      if (noted) message(notes, "info", noted);
      announce(noted ? `${text} ${noted}` : text);
      reset();
      [...inputs.values()][0]?.focus();
    } catch (e) {
      if (e instanceof NoTableError) {
        const add = h("button", { type: "button" }, `Add the ${kind.sheet} sheet and save`);
        add.addEventListener(
          "click",
          () =>
            void busy(add, async () => {
              try {
                const sheet = await ws.act(() => addOptionalSheet(ws.port, spec.table));
                ctx.session.changed();
                announce(`Added the ${sheet} sheet.`);
                await saveRow();
              } catch (err) {
                message(result, "error", `Not saved: ${errorText(err)}`);
              }
            })
        );
        message(
          result,
          "error",
          `Not saved: ${errorText(e)}`,
          h(
            "div",
            { class: "actions" },
            add,
            h(
              "button",
              { type: "button", class: "link", onclick: () => ctx.go("setup") },
              "Set up this workbook"
            )
          )
        );
        add.focus();
        return;
      }
      message(result, "error", `Not saved: ${errorText(e)}`);
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void busy(save, saveRow);
  });
  ctx.session.on((event) => {
    if (event !== "opened") return;
    hide(result);
    hide(notes);
    for (const f of fields.values()) clearError(f);
    reset();
  });
  // Messages above the form: after a save, focus goes back to its first field, just below.
  return h(
    "section",
    { class: "table-entry", "data-table": spec.table },
    h("h3", {}, spec.title),
    result,
    notes,
    form
  );
}

function build(panel: HTMLElement, ctx: ViewContext) {
  const prompt = h("div", { class: "prompt" });
  const choiceName = "table-form";
  const sections = FORMS.map((spec) => tableForm(spec, ctx));
  const radios = FORMS.map((spec, i) =>
    h("input", {
      type: "radio",
      name: choiceName,
      id: `${choiceName}-${spec.table}`,
      value: spec.table,
      ...(i === 0 ? { checked: true } : {}),
    })
  );
  const choose = (): void =>
    sections.forEach((s, i) => {
      s.hidden = !radios[i].checked;
    });
  for (const r of radios) r.addEventListener("change", choose);
  const chooser = h(
    "fieldset",
    { class: "field radios" },
    h("legend", {}, "Record"),
    h(
      "div",
      { class: "radio-row" },
      radios.map((r, i) =>
        h("span", { class: "radio" }, r, h("label", { for: r.id }, FORMS[i].title))
      )
    )
  );
  const body = h("div", {}, chooser, ...sections);
  panel.append(h("h2", {}, "Leads, materials and ads"), prompt, body);
  choose();
  const refresh = (): void => {
    body.hidden = workspaceOrPrompt(ctx, prompt) === undefined;
  };
  ctx.session.on(refresh);
  refresh();
  return { shown: refresh };
}

export const tablesView: View = {
  id: "tables",
  label: "Leads & materials",
  mount: build,
};
