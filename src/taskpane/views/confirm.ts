/**
 * A confirmation before an action that cannot be taken back ("Fill anyway"): a modal dialog (the
 * platform's <dialog>: the rest of the pane is inert while it is open, Escape cancels) that says
 * what will happen and lists what it is about, cut after `limit` items with "and N more". Focus
 * goes to the dialog's safe choice, and back to `returnFocus` when it closes.
 */
import { h, uid } from "../dom";

export interface Confirmation {
  readonly title: string;
  readonly text: string;
  /** The list's accessible name ("Errors in the log"). */
  readonly listLabel: string;
  readonly items: readonly string[];
  readonly limit: number;
  readonly confirm: string;
  readonly cancel: string;
  /** Where the dialog goes in the page (the view's panel). */
  readonly into: HTMLElement;
  readonly returnFocus?: HTMLElement;
}

/** True when the user confirmed; false when they cancelled (button, Escape). */
export function confirmAction(c: Confirmation): Promise<boolean> {
  const titleId = uid("confirm-title");
  const textId = uid("confirm-text");
  const shown = c.items.slice(0, c.limit);
  const rest = c.items.length - shown.length;
  const yes = h("button", { type: "button", class: "primary" }, c.confirm);
  const no = h("button", { type: "button" }, c.cancel);
  const dialog = h(
    "dialog",
    { class: "confirm", "aria-labelledby": titleId, "aria-describedby": textId },
    h("h2", { id: titleId }, c.title),
    h("p", { id: textId }, c.text),
    h(
      "ul",
      // Focusable: a long list scrolls, and a keyboard user must be able to scroll it.
      { class: "confirm-list", "aria-label": c.listLabel, tabindex: 0 },
      shown.map((item) => h("li", {}, item)),
      rest > 0 ? h("li", { class: "more" }, `and ${rest.toLocaleString("en-US")} more`) : null
    ),
    h("div", { class: "actions" }, yes, no)
  );
  c.into.append(dialog);
  return new Promise((resolve) => {
    let answer = false;
    yes.addEventListener("click", () => {
      answer = true;
      dialog.close();
    });
    no.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      c.returnFocus?.focus();
      resolve(answer);
    });
    dialog.showModal();
    no.focus();
  });
}
