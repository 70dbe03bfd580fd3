/** A generated note, and the sizes every corpus reports. */
export interface CorpusFile {
  /** POSIX path relative to the corpus root: `Course 0000/Unit 1 - Robustness.md`. */
  readonly path: string;
  readonly text: string;
}

export interface FileSizes {
  readonly files: number;
  readonly bytes: number;
  readonly fileBytes: { readonly min: number; readonly p50: number; readonly max: number };
}

export function fileSizes(files: readonly CorpusFile[]): FileSizes {
  const sizes = files.map((file) => Buffer.byteLength(file.text)).sort((a, b) => a - b);
  return {
    files: files.length,
    bytes: sizes.reduce((sum, size) => sum + size, 0),
    fileBytes: { min: sizes[0] ?? 0, p50: sizes[Math.floor(sizes.length / 2)] ?? 0, max: sizes.at(-1) ?? 0 },
  };
}
