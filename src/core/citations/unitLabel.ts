import type { Citation } from '../model';

/** The unit a citation names: `Unit 1` for `[[Unit 1]](url)`, the link text otherwise. */
export function unitLabel(citation: Citation): string {
  return citation.label.replace(/^\[(.*)\]$/s, '$1').trim();
}
