/**
 * Log an activity: the spec's fields, shown as they apply (Level for Law Enforcement, the three
 * counts for a Training/Seminar), checked with the engine's schema, saved as one appended row.
 */
import {
  EntryForm,
  describeEntry,
  entryRow,
  findLogTarget,
  validateEntry,
} from "../../app/log-entry";
import { FieldIssue } from "../../app/table-entry";
import { LogLayoutError } from "../../core/log";
import {
  ACTIVITIES,
  ColumnKey,
  LAW_ENFORCEMENT,
  LEVELS,
  LOG_COLUMN,
  SECTORS,
  TRAINING,
} from "../../core/vocabulary";
import { LayoutError } from "../../workbook/layout";
import { announce, busy, errorText, h, hide, message } from "../dom";
import { Field, clearError, field, radioGroup, showError } from "./fields";
import { plural, today, todayIso, workspaceOrPrompt } from "./common";
import { View, ViewContext } from "./view";

const REQUESTED_SERVICES = ACTIVITIES[2];
const NEW_CONTACT = ACTIVITIES[0];

function build(panel: HTMLElement, ctx: ViewContext) {
  const prompt = h("div", { class: "prompt" });
  const date = h("input", { type: "date", name: "date", required: true, value: todayIso() });
  const sector = radioGroup(LOG_COLUMN.sector.header, "sector", SECTORS);
  const level = radioGroup(LOG_COLUMN.level.header, "level", LEVELS, "Law Enforcement only.");
  const activity = h(
    "select",
    { name: "activity", required: true },
    h("option", { value: "" }, "Choose an activity…"),
    ACTIVITIES.map((a) => h("option", { value: a }, a))
  );
  const agencies = h("datalist", { id: "known-agencies" });
  const agency = h("input", {
    type: "text",
    name: "agency",
    autocomplete: "off",
    list: agencies.id,
  });
  const pocName = h("input", { type: "text", name: "pocName", autocomplete: "off" });
  const pocTitle = h("input", { type: "text", name: "pocTitle", autocomplete: "off" });
  const count = (name: string, min: number) =>
    h("input", { type: "number", name, min, step: 1, inputmode: "numeric" });
  const presentations = count("presentations", 1);
  const agencyCount = count("agencies", 1);
  const attendees = count("attendees", 0);
  const content = h("textarea", { name: "content", rows: 3 });
  const significant = h("input", { type: "checkbox", name: "significant", id: "significant" });

  const fields: Record<Exclude<ColumnKey, "significant">, Field> = {
    date: field(LOG_COLUMN.date.header, date, "The day of the outreach (MM/DD/YYYY)."),
    sector,
    level,
    activity: field(LOG_COLUMN.activity.header, activity),
    agency: field(
      LOG_COLUMN.agency.header,
      agency,
      "The agency contacted, or the one hosting the training."
    ),
    pocName: field(
      LOG_COLUMN.pocName.header,
      pocName,
      "Point of contact. Needed for a New Contact."
    ),
    pocTitle: field(LOG_COLUMN.pocTitle.header, pocTitle, "Needed for a New Contact."),
    presentations: field(LOG_COLUMN.presentations.header, presentations, "1 or more."),
    agencies: field(LOG_COLUMN.agencies.header, agencyCount, "Agencies in attendance, 1 or more."),
    attendees: field(LOG_COLUMN.attendees.header, attendees, "Members in attendance, 0 or more."),
    content: field(LOG_COLUMN.content.header, content, "The content of the outreach provided."),
  };
  const significantRow = h(
    "div",
    { class: "field checkbox" },
    significant,
    h(
      "label",
      { for: significant.id },
      `${LOG_COLUMN.significant.header}: include it under “Significant Outreach Activity”`
    )
  );
  const training = h(
    "fieldset",
    { class: "group" },
    h("legend", {}, "Training/Seminar counts"),
    fields.presentations.root,
    fields.agencies.root,
    fields.attendees.root
  );
  const save = h("button", { type: "submit", class: "primary" }, "Save to the log");
  const result = h("div", { class: "message", hidden: true });
  const notes = h("div", { class: "message message-info", hidden: true });
  const form = h(
    "form",
    { novalidate: true, "aria-label": "Log an activity" },
    fields.date.root,
    sector.root,
    level.root,
    fields.activity.root,
    fields.agency.root,
    agencies,
    fields.pocName.root,
    fields.pocTitle.root,
    training,
    fields.content.root,
    significantRow,
    h("div", { class: "actions" }, save)
  );
  // Messages above the form: after a save, focus goes back to its first field, just below.
  panel.append(h("h2", {}, "Log an activity"), prompt, result, notes, form);

  /** Show what applies to the sector and activity chosen; hidden fields are not sent. */
  const applyVisibility = (): void => {
    const le = sector.value() === LAW_ENFORCEMENT;
    level.root.hidden = !le;
    const requested = activity.querySelector<HTMLOptionElement>(
      `option[value="${REQUESTED_SERVICES}"]`
    );
    if (requested) {
      requested.disabled = le;
      requested.hidden = le;
      if (le && activity.value === REQUESTED_SERVICES) {
        activity.value = "";
        announce("Requested Services is an NGO activity: choose another activity.");
      }
    }
    training.hidden = activity.value !== TRAINING;
    const needsPoc = activity.value === NEW_CONTACT;
    for (const el of [pocName, pocTitle]) el.toggleAttribute("aria-required", needsPoc);
  };
  for (const r of sector.radios) r.addEventListener("change", applyVisibility);
  activity.addEventListener("change", applyVisibility);

  const values = (): EntryForm => {
    const le = sector.value() === LAW_ENFORCEMENT;
    const isTraining = activity.value === TRAINING;
    return {
      date: date.value,
      sector: sector.value(),
      level: le ? level.value() : "",
      activity: activity.value,
      agency: agency.value,
      pocName: pocName.value,
      pocTitle: pocTitle.value,
      presentations: isTraining ? presentations.value : "",
      agencies: isTraining ? agencyCount.value : "",
      attendees: isTraining ? attendees.value : "",
      content: content.value,
      significant: significant.checked,
    };
  };

  const showIssues = (issues: FieldIssue[]): void => {
    for (const f of Object.values(fields)) clearError(f);
    for (const issue of issues) {
      const f = fields[issue.field as keyof typeof fields];
      if (f) showError(f, issue.message);
    }
  };

  const reset = (): void => {
    // The next entry is often the same day and sector: those stay.
    for (const el of [agency, pocName, pocTitle, presentations, agencyCount, attendees, content])
      el.value = "";
    activity.value = "";
    level.set("");
    significant.checked = false;
    applyVisibility();
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void busy(save, async () => {
      hide(notes);
      const ws = ctx.session.workspace;
      if (!ws) return;
      try {
        // A table's place is kept; a plain-range log is found again (rows may have been typed).
        const target = ctx.session.logTarget ?? (await ws.act(() => findLogTarget(ws.port)));
        ctx.session.logTarget = target.table ? target : undefined;
        const check = validateEntry(values(), target.date1904, today());
        if (!check.ok) {
          showIssues(check.issues);
          message(
            result,
            "error",
            `Not saved: ${plural(check.issues.length, "field needs", "fields need")} attention.`
          );
          announce(`Not saved. ${check.issues.map((i) => i.message).join(" ")}`);
          const first = fields[check.issues[0].field as keyof typeof fields];
          first?.focusTarget.focus();
          return;
        }
        showIssues([]);
        const where = await ws.appendRow(target, entryRow(check.fields, target), ["date"]);
        ctx.session.changed({ appendedRows: where ? where.bottom - where.top + 1 : 1 });
        const rowText = where ? `, row ${where.top}` : "";
        const text = `Saved to ${target.table ? `the ${target.sheet} table` : target.sheet}${rowText}: ${describeEntry(check.fields)}.`;
        message(result, "ok", text);
        const noted = check.notes.map((n) => n.message).join(" ");
        if (noted) message(notes, "info", noted);
        announce(noted ? `${text} ${noted}` : text);
        if (check.fields.agency) known.add(check.fields.agency);
        renderAgencies();
        reset();
        date.focus();
      } catch (e) {
        ctx.session.logTarget = undefined; // found again next time
        const noLog = e instanceof LayoutError || e instanceof LogLayoutError;
        message(
          result,
          "error",
          `Not saved: ${errorText(e)}`,
          noLog
            ? h(
                "button",
                { type: "button", class: "link", onclick: () => ctx.go("setup") },
                "Set up this workbook"
              )
            : null
        );
        announce(`Not saved: ${errorText(e)}`);
      }
    });
  });

  // Agencies already in the log, offered as the Agency field is typed.
  const known = new Set<string>();
  const renderAgencies = (): void => {
    const names = [...known].sort().slice(0, 1000);
    agencies.replaceChildren(...names.map((n) => h("option", { value: n })));
  };
  const refresh = (): void => {
    const ws = workspaceOrPrompt(ctx, prompt);
    form.hidden = ws === undefined;
    const before = known.size;
    for (const e of ctx.session.check?.parsed.entries ?? []) known.add(e.agency);
    if (known.size !== before) renderAgencies();
  };
  ctx.session.on((event) => {
    if (event === "opened") {
      hide(result);
      hide(notes);
      reset();
      date.value = todayIso();
      known.clear();
      renderAgencies();
    }
    refresh();
  });
  applyVisibility();
  refresh();
  return { shown: refresh };
}

export const logView: View = {
  id: "log",
  label: "Log an activity",
  mount: build,
};
