/** Writes a generated file line by line and records the findings each line is built to produce. */

/** A finding the generator put into the corpus on purpose. */
type SeededFinding = { ruleId: string; variant?: string; file: string; line: number };

/**
 * Builds one file. `line(text, ...expected)` appends a line and records the findings (`rule` or `rule/variant`) the
 * analyzer must report on it.
 *
 * @example
 * const file = new FileBuilder('app/a.js');
 * file.line("angular.module('a', []);", 'ng_module');
 */
class FileBuilder {
  public readonly path: string;
  private readonly lines: string[] = [];
  private readonly found: SeededFinding[] = [];
  private nonBlank = 0;

  public constructor(path: string) {
    this.path = path;
  }

  /** Appends one line with the findings it carries. */
  public line(text: string, ...expected: string[]): this {
    this.lines.push(text);
    if (text.trim() !== '') this.nonBlank += 1;
    for (const token of expected) {
      const [ruleId, variant] = token.split('/');
      this.found.push({ ruleId, ...(variant === undefined ? {} : { variant }), file: this.path, line: this.lines.length });
    }
    return this;
  }

  /** Appends lines that carry no finding. */
  public plain(lines: readonly string[]): this {
    for (const text of lines) this.line(text);
    return this;
  }

  public get loc(): number {
    return this.nonBlank;
  }

  public get seeded(): readonly SeededFinding[] {
    return this.found;
  }

  public text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

export type { SeededFinding };
export { FileBuilder };
