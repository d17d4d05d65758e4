export interface TextSegment {
  text: string;
  match: boolean;
}

/** `text` cut into runs of matched and unmatched characters (matched positions from the fuzzy search). */
export function highlightSegments(text: string, indexes: readonly number[]): TextSegment[] {
  if (indexes.length === 0) return text ? [{ text, match: false }] : [];
  const matched = new Set(indexes);
  const segments: TextSegment[] = [];
  for (let i = 0; i < text.length; i++) {
    const match = matched.has(i);
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text[i];
    else segments.push({ text: text[i]!, match });
  }
  return segments;
}
