/**
 * The Markdown preview's tooltips for defined terms (a preview script, `contributes.markdown.previewScripts`).
 * Each term is a focusable `.an-term` whose `aria-describedby` names its tooltip, rendered hidden after the
 * document as plain text; this script only shows, places and hides it: on hover and on keyboard focus, dismissed
 * by Escape, kept while the pointer moves onto it. It inserts nothing: note text never becomes markup here.
 */

const GAP = 6;
/** Time the pointer has to move from a term onto its tooltip before it hides. */
const HIDE_DELAY_MS = 250;

let shown: { term: HTMLElement; tip: HTMLElement } | undefined;
let hideTimer: ReturnType<typeof setTimeout> | undefined;

function termOf(target: EventTarget | null): HTMLElement | undefined {
  return target instanceof Element ? (target.closest<HTMLElement>('.an-term') ?? undefined) : undefined;
}

function tipOf(term: HTMLElement): HTMLElement | undefined {
  const id = term.getAttribute('aria-describedby');
  const tip = id ? document.getElementById(id) : null;
  return tip?.classList.contains('an-tooltip') ? tip : undefined;
}

function place(term: HTMLElement, tip: HTMLElement): void {
  const box = term.getBoundingClientRect();
  const width = tip.offsetWidth;
  const height = tip.offsetHeight;
  const left = Math.max(GAP, Math.min(box.left, window.innerWidth - width - GAP));
  const below = box.bottom + GAP;
  const top = below + height <= window.innerHeight || box.top - GAP - height < 0 ? below : box.top - GAP - height;
  tip.style.left = `${Math.round(left)}px`;
  tip.style.top = `${Math.round(top)}px`;
}

function show(term: HTMLElement): void {
  cancelHide();
  if (shown?.term === term) return;
  hide();
  const tip = tipOf(term);
  if (!tip) return;
  tip.hidden = false;
  place(term, tip);
  term.setAttribute('aria-expanded', 'true');
  shown = { term, tip };
}

function hide(): void {
  cancelHide();
  if (!shown) return;
  shown.tip.hidden = true;
  shown.term.removeAttribute('aria-expanded');
  shown = undefined;
}

function cancelHide(): void {
  if (hideTimer !== undefined) clearTimeout(hideTimer);
  hideTimer = undefined;
}

function hideSoon(): void {
  cancelHide();
  hideTimer = setTimeout(hide, HIDE_DELAY_MS);
}

document.addEventListener('mouseover', (event) => {
  const term = termOf(event.target);
  if (term) show(term);
  else if (shown && event.target instanceof Node && shown.tip.contains(event.target)) cancelHide();
});
document.addEventListener('mouseout', (event) => {
  if (!shown) return;
  const to = event.relatedTarget;
  if (to instanceof Node && (shown.term.contains(to) || shown.tip.contains(to))) return;
  if (event.target instanceof Node && (shown.term.contains(event.target) || shown.tip.contains(event.target))) hideSoon();
});
document.addEventListener('focusin', (event) => {
  const term = termOf(event.target);
  if (term) show(term);
});
document.addEventListener('focusout', (event) => {
  if (shown && termOf(event.target) === shown.term) hide();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && shown) {
    hide();
    event.stopPropagation();
  }
});
window.addEventListener('scroll', hide, { passive: true });
window.addEventListener('resize', hide);
// VS Code's preview replaces the document's content when the note changes.
window.addEventListener('vscode.markdown.updateContent', hide);
