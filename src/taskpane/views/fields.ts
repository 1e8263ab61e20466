/**
 * Form fields with their label, an optional hint, and a message slot next to the field: the
 * control is described by both (aria-describedby) and marked aria-invalid while it has a message.
 */
import { h, uid } from "../dom";
import { readFile } from "../files";

export interface Field {
  /** The wrapper (shown or hidden as a whole). */
  readonly root: HTMLElement;
  /** What gets focus when the field has a problem. */
  readonly focusTarget: HTMLElement;
  /** The controls that carry aria-invalid. */
  readonly controls: HTMLElement[];
  readonly error: HTMLElement;
}

function describe(controls: HTMLElement[], ids: string[]): void {
  for (const c of controls) c.setAttribute("aria-describedby", ids.join(" "));
}

/** A text-like input, select or textarea with its label. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string
): Field {
  const id = control.id || uid("field");
  control.id = id;
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const error = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  describe([control], [...(hintEl ? [hintEl.id] : []), error.id]);
  const root = h("div", { class: "field" }, h("label", { for: id }, label), hintEl, control, error);
  return { root, focusTarget: control, controls: [control], error };
}

/** A radio group in a fieldset; `name` groups the radios. */
export function radioGroup(
  legend: string,
  name: string,
  options: readonly string[],
  hint?: string
): Field & { value(): string; set(value: string): void; radios: HTMLInputElement[] } {
  const id = uid(name);
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const error = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  const radios = options.map((o, i) =>
    h("input", { type: "radio", name: id, value: o, id: `${id}-${i}` })
  );
  const root = h(
    "fieldset",
    { class: "field radios", id },
    h("legend", {}, legend),
    hintEl,
    h(
      "div",
      { class: "radio-row" },
      radios.map((r, i) => h("span", { class: "radio" }, r, h("label", { for: r.id }, options[i])))
    ),
    error
  );
  const ids = [...(hintEl ? [hintEl.id] : []), error.id];
  root.setAttribute("aria-describedby", ids.join(" "));
  describe(radios, ids);
  return {
    root,
    focusTarget: radios[0],
    controls: radios,
    error,
    radios,
    value: () => radios.find((r) => r.checked)?.value ?? "",
    set: (value: string) => radios.forEach((r) => (r.checked = r.value === value)),
  };
}

export function showError(f: Field, text: string): void {
  f.error.textContent = text;
  f.error.hidden = false;
  for (const c of f.controls) c.setAttribute("aria-invalid", "true");
}

export function clearError(f: Field): void {
  f.error.textContent = "";
  f.error.hidden = true;
  for (const c of f.controls) c.removeAttribute("aria-invalid");
}

/**
 * The file chosen in an optional file input, read and parsed; what went wrong is shown at its
 * field (the file's name and the reason) with the focus there, and `ok` is false.
 */
export async function readOptionalFile<T>(
  input: HTMLInputElement,
  f: Field,
  parse: (bytes: Uint8Array, name: string) => T | Promise<T>
): Promise<{ ok: true; value: T | undefined } | { ok: false }> {
  const file = input.files?.[0];
  if (!file) return { ok: true, value: undefined };
  try {
    return { ok: true, value: await parse((await readFile(file)).bytes, file.name) };
  } catch (e) {
    // After the file's name the reason goes on as the reader wrote it, in lower case.
    const reason = e instanceof Error ? e.message.trim() : String(e);
    showError(f, `${file.name}: ${reason}`);
    input.focus();
    return { ok: false };
  }
}

/**
 * The returned workbooks chosen in a returns field (HQ's consolidation, the annual assessment),
 * or undefined with the request to choose them shown at the field and the focus there.
 */
export function chosenReturns(input: HTMLInputElement, f: Field): File[] | undefined {
  const files = [...(input.files ?? [])];
  if (files.length > 0) return files;
  showError(f, "Choose the returned workbooks.");
  input.focus();
  return undefined;
}
