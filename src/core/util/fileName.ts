import { safeDecode } from '../citations/courseUrl';

/** The decoded last path segment of a URI string: `Unit 1 - Losing control to AI.md`. */
export function fileNameOf(uri: string): string {
  const path = uri.split(/[?#]/)[0] ?? uri;
  return safeDecode(path.slice(path.lastIndexOf('/') + 1));
}
