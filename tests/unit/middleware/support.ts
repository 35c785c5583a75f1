/** Reading what the Powertools Logger writes: its JSON lines on stdout (and stderr, where it writes errors). */

/** The JSON log lines written while `work` runs, in order. */
const logLines = async (work: () => Promise<unknown>): Promise<Record<string, unknown>[]> => {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    written.push(chunk.toString());
    return true;
  };
  const writes = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await work();
  } finally {
    for (const write of writes) write.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
};

export { logLines };
