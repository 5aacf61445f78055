/**
 * The page's keyboard model: a key belongs first to the focused control that uses it, and only
 * then to the page's shortcuts. Space and Enter press buttons and tick checkboxes; arrows move
 * sliders, radio groups, pickers and a focused waveform view; a text field or picker keeps every
 * key; Esc belongs to the innermost thing open (a dialog, a picker) before the class demo.
 * The rule is pure over a small description of the focused element, so Node tests cover it.
 */

/** What the focused element is, as far as keys are concerned. */
export interface FocusTarget {
  /** Lower-case tag name. */
  tag: string;
  /** `type` of an input. */
  type?: string;
  role?: string;
  /** A link with an address (a link without one is not focusable by itself). */
  href?: boolean;
  editable?: boolean;
  /** Inside an open dialog. */
  inDialog?: boolean;
  /** Inside an element that declares it takes the arrow keys itself (`data-keys="arrows"`: a waveform view). */
  ownsArrows?: boolean;
}

/** Which keys the focused element uses itself. */
export interface FocusUse {
  /** Every key that types (text fields, pickers with type-ahead). */
  typing: boolean;
  /** Space and Enter press or tick it. */
  activates: boolean;
  /** Arrows, Home/End, PageUp/PageDown move inside it. */
  arrows: boolean;
  /** Esc closes it or something around it. */
  escape: boolean;
}

const TYPING_ROLES = new Set(['textbox', 'searchbox', 'combobox']);
const PRESSED_ROLES = new Set(['button', 'link', 'checkbox', 'switch', 'menuitem', 'menuitemcheckbox', 'tab', 'option']);
const ARROW_ROLES = new Set(['radio', 'slider', 'spinbutton', 'scrollbar', 'listbox', 'tablist', 'menu', 'grid', 'tree', 'tab']);
const PRESSED_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'image']);
const NO_TEXT = new Set([...PRESSED_INPUTS, 'range', 'hidden']);

export function focusUse(t: FocusTarget | null): FocusUse {
  if (!t) return { typing: false, activates: false, arrows: false, escape: false };
  const role = t.role ?? '';
  const input = t.tag === 'input' ? (t.type || 'text').toLowerCase() : null;
  const typing =
    t.editable === true || t.tag === 'textarea' || t.tag === 'select' || TYPING_ROLES.has(role) || (input !== null && !NO_TEXT.has(input));
  const activates =
    typing ||
    t.tag === 'button' ||
    t.tag === 'summary' ||
    (t.tag === 'a' && t.href === true) ||
    (input !== null && PRESSED_INPUTS.has(input)) ||
    PRESSED_ROLES.has(role) ||
    role === 'radio';
  const arrows = typing || t.ownsArrows === true || input === 'range' || input === 'radio' || ARROW_ROLES.has(role);
  return { typing, activates, arrows, escape: typing || t.inDialog === true };
}

const ACTIVATION_KEYS = new Set([' ', 'Enter']);
const MOVEMENT_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** True when `key` (KeyboardEvent.key) is the focused control's, so no page shortcut may act on it. */
export function controlTakes(key: string, use: FocusUse): boolean {
  if (key === 'Escape') return use.escape;
  if (key === 'Tab') return true;
  if (use.typing) return true;
  if (ACTIVATION_KEYS.has(key)) return use.activates;
  if (MOVEMENT_KEYS.has(key)) return use.arrows;
  return false;
}

/** Describe a focused DOM element (the event target; inside a shadow root the host is the target). */
export function describeFocus(el: EventTarget | null): FocusTarget | null {
  if (!(el instanceof Element)) return null;
  return {
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type') ?? undefined,
    role: el.getAttribute('role') ?? undefined,
    href: el.hasAttribute('href'),
    editable: el instanceof HTMLElement && el.isContentEditable,
    inDialog: el.closest('dialog[open]') !== null,
    ownsArrows: el.closest('[data-keys~="arrows"]') !== null,
  };
}

/** True when a page shortcut must leave this key event alone. */
export function keyBelongsToFocus(e: KeyboardEvent): boolean {
  return e.defaultPrevented || controlTakes(e.key, focusUse(describeFocus(e.target)));
}
