/** In-memory archives for the split-source tests (yazl writes real zips). */
import { ZipFile } from 'yazl';

/**
 * A deflated zip of the files.
 *
 * @example
 * const zip = await zipOf({ 'src/zprog.prog.abap': 'REPORT zprog.\n' });
 */
const zipOf = async (files: Record<string, string | Buffer>): Promise<Buffer> => {
  const zip = new ZipFile();
  const mtime = new Date('2024-01-01T00:00:00Z');
  for (const [path, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), path, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** A small ABAP program with an obsolete statement (MOVE) and native SQL: two findings of the S/4HANA rule pack. */
const abapProgram = (name: string, extraLines = 0): string =>
  [`REPORT ${name}.`, 'DATA a TYPE i.', 'MOVE 1 TO a.', 'EXEC SQL.', '  COMMIT', 'ENDEXEC.', ...Array.from({ length: extraLines }, (_, i) => `a = a + ${i}.`)].join('\n') + '\n';

export { abapProgram, zipOf };
