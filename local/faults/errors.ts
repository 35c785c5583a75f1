/** A fault switch (`LOCAL_FAULTS`, `--faults`) that cannot be read: the entry and what is wrong with it. */
class FaultSpecError extends Error {
  public readonly entry: string;

  public constructor(entry: string, problem: string) {
    super(`LOCAL_FAULTS entry '${entry}': ${problem}`);
    this.name = 'FaultSpecError';
    this.entry = entry;
  }
}

export { FaultSpecError };
