/**
 * A scene caption's simple formatting, parsed into plain data the page renders as text
 * nodes (never as HTML, so a caption cannot inject markup): a blank line separates
 * paragraphs, lines starting with "- " or "* " make a list, *emphasis* and **strong**.
 */

export interface Span {
  text: string;
  style: 'plain' | 'em' | 'strong';
}

export type CaptionBlock = { kind: 'paragraph'; spans: Span[] } | { kind: 'list'; items: Span[][] };

const ITEM = /^\s*[-*]\s+/;
/** **strong** first, so its stars are not read as two emphases. */
const INLINE = /\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*/g;

export function inlineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) spans.push({ text: text.slice(at, m.index), style: 'plain' });
    spans.push(m[1] !== undefined ? { text: m[1], style: 'strong' } : { text: m[2], style: 'em' });
    at = m.index + m[0].length;
  }
  if (at < text.length) spans.push({ text: text.slice(at), style: 'plain' });
  return spans;
}

export function formatCaption(caption: string): CaptionBlock[] {
  const blocks: CaptionBlock[] = [];
  for (const chunk of caption.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let lines: string[] = [];
    let items: Span[][] = [];
    const flushParagraph = () => {
      if (lines.length) blocks.push({ kind: 'paragraph', spans: inlineSpans(lines.join(' ')) });
      lines = [];
    };
    const flushList = () => {
      if (items.length) blocks.push({ kind: 'list', items });
      items = [];
    };
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (ITEM.test(raw)) {
        flushParagraph();
        items.push(inlineSpans(raw.replace(ITEM, '').trim()));
      } else {
        flushList();
        lines.push(line);
      }
    }
    flushParagraph();
    flushList();
  }
  return blocks;
}
