// Aligned columns on a terminal: a CJK or full-width character takes two cells, an emoji two, a
// combining mark or an ANSI colour code none (string-width, from the terminal's own tables). Every
// table the CLI prints pads through here, so 钦州 and qinzhou line up alike.
import stringWidth from 'string-width';

/** The cells a text takes on a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/**
 * The text padded with spaces to `width` cells: after it (`start`, the default: left-aligned) or
 * before it (`end`: right-aligned, for numbers). A text already that wide is returned as it is.
 */
export function padDisplay(text: string, width: number, align: 'start' | 'end' = 'start'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'start' ? text + fill : fill + text;
}
