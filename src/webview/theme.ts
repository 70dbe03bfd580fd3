/** The colours and font of the VS Code theme, read from the `--vscode-*` variables VS Code gives webviews. */
export interface Theme {
  readonly kind: 'light' | 'dark' | 'high-contrast';
  /** A dark background (dark and high-contrast dark themes): group colours take their lighter variants. */
  readonly dark: boolean;
  /** Nodes of the groups past the eighth largest: a grey apart from both the background and the eight colours. */
  readonly neutral: string;
  readonly foreground: string;
  readonly background: string;
  readonly muted: string;
  readonly focus: string;
  /** Links of a large map: the muted colour faded into the background, drawn opaque (cheaper than opacity). */
  readonly faint: string;
  /** A high-contrast theme's border colour, else undefined. */
  readonly contrastBorder: string | undefined;
  /** Search matches: the colour quick open highlights matching letters in. */
  readonly highlight: string;
  readonly fontFamily: string;
}

const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });

/**
 * A colour in a form the renderer parses (`#rrggbb` or `rgba(...)`): VS Code's variables may hold
 * `#rrggbbaa` or named colours. Undefined for an empty or invalid value.
 */
function normalise(value: string): string | undefined {
  const trimmed = value.trim();
  if (!probe || trimmed === '') return undefined;
  probe.fillStyle = '#010203';
  probe.fillStyle = trimmed;
  const result = String(probe.fillStyle);
  return result === '#010203' && trimmed.toLowerCase() !== '#010203' ? undefined : result;
}

/** `colour` at `alpha` over `background`, as one opaque `rgb(...)` colour. */
function blend(colour: string, background: string, alpha: number): string {
  if (!probe) return colour;
  probe.globalAlpha = 1;
  probe.fillStyle = background;
  probe.fillRect(0, 0, 1, 1);
  probe.globalAlpha = alpha;
  probe.fillStyle = colour;
  probe.fillRect(0, 0, 1, 1);
  probe.globalAlpha = 1;
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  return `rgb(${r ?? 0}, ${g ?? 0}, ${b ?? 0})`;
}

function variable(style: CSSStyleDeclaration, name: string): string | undefined {
  return normalise(style.getPropertyValue(`--vscode-${name}`));
}

function themeKind(body: HTMLElement): Theme['kind'] {
  if (body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light')) return 'high-contrast';
  return body.classList.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const kind = themeKind(document.body);
  const foreground = variable(style, 'editor-foreground') ?? variable(style, 'foreground') ?? (kind === 'light' ? '#333333' : '#cccccc');
  const background = variable(style, 'editor-background') ?? (kind === 'light' ? '#ffffff' : '#1e1e1e');
  const muted = variable(style, 'descriptionForeground') ?? foreground;
  const dark = kind === 'dark' || (kind === 'high-contrast' && !document.body.classList.contains('vscode-high-contrast-light'));
  return {
    kind,
    dark,
    neutral: dark ? '#a0a0a0' : '#8a8a8a',
    foreground,
    background,
    muted,
    faint: kind === 'high-contrast' ? muted : blend(muted, background, 0.4),
    focus: variable(style, 'focusBorder') ?? '#007fd4',
    contrastBorder: kind === 'high-contrast' ? (variable(style, 'contrastBorder') ?? foreground) : undefined,
    highlight: variable(style, 'list-highlightForeground') ?? variable(style, 'charts-yellow') ?? '#ea5c00',
    fontFamily: style.getPropertyValue('--vscode-font-family').trim() || 'sans-serif',
  };
}

/**
 * Calls `onChange` when the theme changes: VS Code swaps the body's `vscode-light|dark|high-contrast`
 * class, and rewrites the variables on the root element's style even between two themes of one kind.
 */
export function watchTheme(onChange: () => void): () => void {
  let pending = 0;
  const observer = new MutationObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(onChange);
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => {
    cancelAnimationFrame(pending);
    observer.disconnect();
  };
}
