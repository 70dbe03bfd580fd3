/**
 * The kinds of non-note file a link may lead to (`![[diagram.png]]`, `[[paper.pdf]]`): what hosts list
 * besides the notes, so such a link resolves to its file or is reported broken. Other extensions are not
 * listed (a workspace of 50,000 files would pay for listing them all), so a link naming one is left unchecked.
 */
export const ATTACHMENT_EXTENSIONS: readonly string[] = Object.freeze([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'avif',
  'pdf',
  'mp3', 'wav', 'ogg', 'm4a', 'flac', 'webm', 'mp4', 'mov', 'ogv',
  'canvas', 'excalidraw',
]);

const LISTED = new Set(ATTACHMENT_EXTENSIONS);
const IMAGES = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'avif']);

/** The glob hosts list attachments with: `**\/*.{png,PNG,jpg,JPG,...}` (globs compare case). */
export const ATTACHMENT_GLOB = `**/*.{${ATTACHMENT_EXTENSIONS.flatMap((extension) => [extension, extension.toUpperCase()]).join(',')}}`;

/** `png` for `Diagram.PNG`; undefined for a name without a short extension or a note's `.md`. */
function extensionOf(name: string): string | undefined {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase();
  return extension === undefined || extension === 'md' || extension === 'markdown' ? undefined : extension;
}

/** Whether a file name or link target names a listed attachment kind. */
export function isAttachment(name: string): boolean {
  const extension = extensionOf(name);
  return extension !== undefined && LISTED.has(extension);
}

/** Whether a link target names a kind of file hosts do not list: such a link is neither checked nor reported. */
export function namesUnlistedFile(target: string): boolean {
  const extension = extensionOf(target);
  return extension !== undefined && !LISTED.has(extension) && /^[a-z]+$/.test(extension) && extension.length <= 5;
}

/** Whether a hover may show the file as an image. */
export function isImage(name: string): boolean {
  const extension = extensionOf(name);
  return extension !== undefined && IMAGES.has(extension);
}
