/** A few DOM helpers: the pane is plain TypeScript and DOM, no framework. */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * h("button", { type: "button", onclick: fn }, "Save"): an element with attributes (false, null
 * and undefined leave one out; true sets it empty), event listeners (on...) and children.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (value === true) el.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined)
      el.setAttribute(name, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

let counter = 0;
/** A unique id for label/field/message pairs. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

let pending: number | undefined;

/**
 * The pane's one polite live region: what just happened, said once. When several things are said
 * at once, the last is what is read (the visible messages carry no live role of their own, so
 * nothing is read twice).
 */
export function announce(text: string): void {
  const region = document.getElementById("announcer");
  if (!region) return;
  if (pending !== undefined) window.clearTimeout(pending);
  // Cleared first, so that the same message said twice is read twice.
  region.textContent = "";
  pending = window.setTimeout(() => {
    pending = undefined;
    region.textContent = text;
  }, 30);
}

/**
 * A message block in a view: "ok", "error" or "info". It is also said in the live region; a
 * caller that announces something else right after replaces what is said.
 */
export function message(
  into: HTMLElement,
  kind: "ok" | "error" | "info",
  text: string,
  ...extra: Child[]
): void {
  clear(into);
  into.className = `message message-${kind}`;
  into.removeAttribute("role");
  append(into, h("p", {}, text), ...extra);
  into.hidden = false;
  announce(text);
}

export function hide(el: HTMLElement): void {
  el.hidden = true;
  clear(el);
}

/** Plain words for an error from any layer (the engine's errors carry plain messages). */
export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const text = e.message.trim();
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return String(e);
}

/**
 * Run a slow action with its button marked busy. The button keeps its focus (it is not
 * disabled, which would drop a keyboard user's place); a second press while busy does nothing.
 */
export async function busy<T>(
  button: HTMLButtonElement,
  action: () => Promise<T>
): Promise<T | undefined> {
  if (button.getAttribute("aria-busy") === "true") return undefined;
  button.setAttribute("aria-busy", "true");
  button.setAttribute("aria-disabled", "true");
  try {
    return await action();
  } finally {
    button.removeAttribute("aria-busy");
    button.removeAttribute("aria-disabled");
  }
}
