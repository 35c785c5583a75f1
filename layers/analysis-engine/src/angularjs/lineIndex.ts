/** Offsets to 1-based line and column, for parsers that report character offsets. */

/** Maps a character offset of `text` to its 1-based line and column. */
type LineIndex = (offset: number) => { line: number; column: number };

/**
 * Builds the line index of a text once (line starts), then answers each offset by binary search.
 *
 * @example
 * const at = createLineIndex('a\nbc');
 * at(3); // { line: 2, column: 2 }
 */
const createLineIndex = (text: string): LineIndex => {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
};

/** Non-blank lines of a text, as the splitter and the ABAP analyzer count them. */
const countLoc = (text: string): number => {
  let count = 0;
  let blank = true;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      if (!blank) count += 1;
      blank = true;
    } else if (blank && code !== 32 && code !== 9 && code !== 13 && code !== 11 && code !== 12) {
      blank = false;
    }
  }
  return blank ? count : count + 1;
};

export type { LineIndex };
export { countLoc, createLineIndex };
