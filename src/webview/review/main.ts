import { isToReviewMessage, type ReviewGrade, type ShownCard, type ToReviewMessage } from '../../shared/reviewProtocol';

/**
 * The flashcard review page. Everything works from the keyboard: Space (or Enter) shows the answer, 1-4 grade
 * it (Again, Hard, Good, Easy), Enter on the last screen starts another session. Note text is written with
 * `textContent` only.
 */
const vscode = acquireVsCodeApi();

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id}`);
  return found as T;
}

const filter = element('filter');
const progress = element('progress');
const cardBox = element('card');
const questionLabel = element('question-label');
const question = element('question');
const answer = element('answer');
const answerLabel = element('answer-label');
const answerBody = element('answer-body');
const sources = element<HTMLOListElement>('sources');
const reveal = element<HTMLButtonElement>('reveal');
const grades = element('grades');
const done = element('done');
const doneText = element('done-text');
const again = element<HTMLButtonElement>('again');

const GRADE_KEYS: Record<string, ReviewGrade> = { '1': 'again', '2': 'hard', '3': 'good', '4': 'easy' };

let current: ShownCard | undefined;
let revealed = false;
/** Set after a grade is sent, until the next card arrives: a second key press must not grade the next card unseen. */
let waiting = false;

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  if (className) p.className = className;
  p.textContent = text;
  return p;
}

function definitionList(lines: readonly string[]): HTMLElement {
  if (lines.length === 1) return paragraph(lines[0] ?? '', 'definition');
  const list = document.createElement('ol');
  list.className = 'definitions';
  for (const line of lines) {
    const item = document.createElement('li');
    item.textContent = line;
    list.append(item);
  }
  return list;
}

function termBlock(card: ShownCard): HTMLElement {
  const block = document.createElement('div');
  block.append(paragraph(card.term, 'term'));
  if (card.aliases.length > 0) block.append(paragraph(`Also: ${card.aliases.join(', ')}`, 'aliases'));
  return block;
}

/** How many reviews the session had when the current card was shown: the same card after a grade is a new turn. */
let shownAfter = -1;

function showCard(card: ShownCard, reviewed: number): void {
  // The same card sent again (the notes changed) keeps its revealed answer; the same card after a grade (back from
  // its learning step) is asked afresh.
  const same = current?.key === card.key && shownAfter === reviewed;
  current = card;
  shownAfter = reviewed;
  waiting = false;
  if (!same) revealed = false;
  else if (revealed) vscode.postMessage({ type: 'revealed', key: card.key });
  done.hidden = true;
  cardBox.hidden = false;
  const kind = card.kind === 'new' ? ' · new' : card.kind === 'changed' ? ' · its definition changed' : '';
  if (card.direction === 'term') {
    questionLabel.textContent = `Which term is this?${kind}`;
    question.replaceChildren(definitionList(card.prompt));
    answerLabel.textContent = 'Term';
    answerBody.replaceChildren(termBlock(card));
  } else {
    questionLabel.textContent = `What does it mean?${kind}`;
    question.replaceChildren(termBlock(card));
    answerLabel.textContent = card.definitions.length === 1 ? 'Definition' : 'Definitions';
    answerBody.replaceChildren(definitionList(card.definitions.map((d) => (d.attribution ? `${d.attribution}: ${d.text}` : d.text))));
  }
  sources.replaceChildren(
    ...card.definitions.map((definition, index) => {
      const item = document.createElement('li');
      const link = document.createElement('button');
      link.type = 'button';
      link.className = 'source';
      link.textContent = definition.source;
      link.title = `Open ${definition.source}`;
      link.addEventListener('click', () => vscode.postMessage({ type: 'openSource', key: card.key, index }));
      item.append(link);
      return item;
    }),
  );
  for (const button of grades.querySelectorAll<HTMLButtonElement>('button[data-grade]')) {
    const interval = button.querySelector('.interval');
    if (interval) interval.textContent = card.intervals[button.dataset.grade as ReviewGrade];
  }
  render();
  // The focus may sit on a button that is now hidden (a clicked grade, "Review more…"): there, Space would be taken
  // as that button's own key and the answer would not show. The card takes the focus, as at the start.
  if (!revealed) cardBox.focus();
}

function render(): void {
  answer.hidden = !revealed;
  grades.hidden = !revealed;
  reveal.hidden = revealed;
  document.body.dataset.state = revealed ? 'answer' : 'question';
}

function showAnswer(): void {
  if (!current || revealed) return;
  revealed = true;
  vscode.postMessage({ type: 'revealed', key: current.key });
  render();
  cardBox.focus();
}

function grade(value: ReviewGrade): void {
  if (!current || !revealed || waiting) return;
  waiting = true;
  vscode.postMessage({ type: 'grade', key: current.key, grade: value });
}

function showProgress(message: Extract<ToReviewMessage, { progress: unknown }>): void {
  filter.textContent = message.progress.filter;
  progress.textContent = `${message.progress.reviewed} reviewed · ${message.progress.remaining} to go`;
}

function showDone(reviewed: number, dueToday: number): void {
  current = undefined;
  revealed = false;
  waiting = false;
  cardBox.hidden = true;
  answer.hidden = true;
  grades.hidden = true;
  reveal.hidden = true;
  done.hidden = false;
  document.body.dataset.state = 'done';
  doneText.textContent =
    reviewed > 0
      ? `Session complete: ${reviewed} ${reviewed === 1 ? 'review' : 'reviews'}. ${dueToday} ${dueToday === 1 ? 'card' : 'cards'} still due today.`
      : `Nothing to review here. ${dueToday} ${dueToday === 1 ? 'card' : 'cards'} due today in all.`;
  again.focus();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToReviewMessage(message)) return;
  showProgress(message);
  if (message.type === 'card') showCard(message.card, message.progress.reviewed);
  else showDone(message.progress.reviewed, message.dueToday);
});

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target as HTMLElement | null;
  if (document.body.dataset.state === 'done') return; // Enter or Space on the focused button starts another session
  if (event.key === ' ' || event.key === 'Enter') {
    if (target?.tagName === 'BUTTON' && target !== reveal) return; // a focused source link or grade button does its own thing
    event.preventDefault();
    showAnswer();
    return;
  }
  const value = GRADE_KEYS[event.key];
  if (value) {
    event.preventDefault();
    grade(value);
  }
});

reveal.addEventListener('click', showAnswer);
for (const button of grades.querySelectorAll<HTMLButtonElement>('button[data-grade]')) {
  button.addEventListener('click', () => grade(button.dataset.grade as ReviewGrade));
}
again.addEventListener('click', () => vscode.postMessage({ type: 'again' }));

cardBox.focus();
vscode.postMessage({ type: 'ready' });
