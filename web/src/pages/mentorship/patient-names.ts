/** The names in the text box: one per line (commas and 、 also separate), trimmed, blanks dropped. */
export function namesIn(text: string): string[] {
  return text
    .split(/[\n,，、;；]+/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
}
