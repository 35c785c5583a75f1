/**
 * Code excerpts of findings: the lines around a finding's line, that line marked, highlighted with Prism (ABAP,
 * JavaScript, TypeScript, HTML). The code comes from the run's packs of units (`units/{customerId}/packs/…`, found
 * through the run's pack index; runs split before packs stored each unit at `units/{customerId}/{unitId}`), the only
 * place besides the encrypted report that holds source text, read on demand, checked against each unit's content
 * hash, and kept in memory only.
 *
 * Highlighting is done here, not in the page: Prism's token stream is split into lines, so a token that spans lines
 * (a block comment, a template string) is still coloured on each of them, and the page receives ready markup.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import Prism from 'prismjs';
import loadLanguages from 'prismjs/components/index.js';
import { parseUnit, type StoredUnit } from '../../functions/lib/source/unitFormat';
import { readPackedUnit, type PackLine, type PackedUnit } from '../../functions/lib/source/packs';
import { packsIndexKey, unitObjectKey } from '../../functions/lib/run';
import { escapeHtml } from '../../functions/lib/report/render/text';

loadLanguages(['abap', 'markup', 'javascript', 'typescript', 'css']);

/** Prism grammar of each unit language (a unit's files share its language). */
const GRAMMARS: Readonly<Record<string, string>> = { abap: 'abap', javascript: 'javascript', typescript: 'typescript', html: 'markup' };

/** Lines shown above and below a finding's line. */
const CONTEXT_LINES = 3;

type ExcerptLine = { number: number; html: string; marked: boolean };

type Excerpt = { file: string; lines: ExcerptLine[] };

/** Why a finding has no excerpt (the page says it instead of code). */
type ExcerptGap = { unavailable: string };

/** A stored unit and its files' highlighted lines, highlighted when first asked for. */
type LoadedUnit = { unit: StoredUnit; lines: Map<string, string[]> };

/** Prism's token stream as lines of `<span class="token …">` markup. */
function highlightLines(text: string, language: string): string[] {
  const grammar = Prism.languages[GRAMMARS[language] ?? ''];
  if (!grammar) return text.split('\n').map(escapeHtml);
  const lines: string[] = [''];
  const walk = (stream: Array<string | Prism.Token>, classes: string[]): void => {
    for (const token of stream) {
      if (typeof token === 'string') {
        const parts = token.split('\n');
        parts.forEach((part, index) => {
          if (index > 0) lines.push('');
          if (part !== '') lines[lines.length - 1] += classes.length === 0 ? escapeHtml(part) : `<span class="${escapeHtml(classes.join(' '))}">${escapeHtml(part)}</span>`;
        });
      } else {
        const alias = token.alias === undefined ? [] : Array.isArray(token.alias) ? token.alias : [token.alias];
        const inner = typeof token.content === 'string' ? [token.content] : Array.isArray(token.content) ? token.content : [token.content];
        walk(inner, [...classes.filter((name) => name !== 'token'), 'token', token.type, ...alias]);
      }
    }
  };
  walk(Prism.tokenize(text, grammar), []);
  return lines;
}

/** The unit's file a finding names: by file name, else the unit's only source file. */
function fileFor(unit: StoredUnit, findingFile: string): StoredUnit['files'][number] | undefined {
  const base = findingFile.slice(findingFile.lastIndexOf('/') + 1).toLowerCase();
  const exact = unit.files.find((file) => file.name.toLowerCase() === base);
  if (exact) return exact;
  // A plain `.abap` file is stored as `<name>.prog.abap`: same stem, so match on it.
  const stem = base.replace(/\.[^.]+$/, '');
  const sameStem = unit.files.filter((file) => file.name.toLowerCase().startsWith(`${stem}.`) && !file.name.endsWith('.xml'));
  if (sameStem.length === 1) return sameStem[0];
  const sources = unit.files.filter((file) => !file.name.endsWith('.xml'));
  return sources.length === 1 ? sources[0] : undefined;
}

/**
 * Reads units and cuts excerpts from them; a unit is read and highlighted once per instance (the console keeps one
 * per open report, in memory).
 *
 * @example
 * const excerpts = new ExcerptReader({ s3, bucket }, 'demo', 'r1');
 * const excerpt = await excerpts.excerpt(unitId, { file: 'src/zr.prog.abap', line: 12 });
 */
class ExcerptReader {
  readonly #units = new Map<string, Promise<LoadedUnit | ExcerptGap>>();
  readonly #packs = new Map<string, Promise<Buffer>>();
  #index: Promise<Map<string, { pack: string; unit: PackedUnit }>> | undefined;

  public constructor(
    private readonly sources: { s3: S3Client; bucket: string },
    private readonly customerId: string,
    private readonly runId: string,
  ) {}

  public async excerpt(unitId: string, finding: { file: string; line: number }): Promise<Excerpt | ExcerptGap> {
    const loaded = await this.#unit(unitId);
    if ('unavailable' in loaded) return loaded;
    const file = fileFor(loaded.unit, finding.file);
    if (!file) return { unavailable: `The unit has no file ${finding.file}.` };
    let lines = loaded.lines.get(file.name);
    if (!lines) {
      lines = highlightLines(file.text, loaded.unit.language);
      loaded.lines.set(file.name, lines);
    }
    if (finding.line < 1 || finding.line > lines.length) return { unavailable: `Line ${finding.line} is past the end of ${file.name} (${lines.length} lines).` };
    const first = Math.max(1, finding.line - CONTEXT_LINES);
    const last = Math.min(lines.length, finding.line + CONTEXT_LINES);
    const shown: ExcerptLine[] = [];
    for (let number = first; number <= last; number += 1) shown.push({ number, html: lines[number - 1], marked: number === finding.line });
    return { file: file.name, lines: shown };
  }

  async #object(key: string): Promise<Buffer> {
    const object = await this.sources.s3.send(new GetObjectCommand({ Bucket: this.sources.bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  /** Where each unit of the run lies: its pack and byte range, from the run's pack index (none for older runs). */
  #packIndex(): Promise<Map<string, { pack: string; unit: PackedUnit }>> {
    this.#index ??= this.#object(packsIndexKey(this.customerId, this.runId))
      .then((body) => {
        const index = new Map<string, { pack: string; unit: PackedUnit }>();
        for (const line of body.toString('utf8').split('\n')) {
          if (line === '') continue;
          const pack = JSON.parse(line) as PackLine;
          for (const unit of pack.units) index.set(unit.unitId, { pack: pack.key, unit });
        }
        return index;
      })
      .catch((error: Error) => {
        if (error.name === 'NoSuchKey') return new Map();
        this.#index = undefined;
        throw error;
      });
    return this.#index;
  }

  async #stored(unitId: string): Promise<StoredUnit> {
    const place = (await this.#packIndex()).get(unitId);
    if (place === undefined) return parseUnit(await this.#object(unitObjectKey(this.customerId, unitId)), unitId);
    let pack = this.#packs.get(place.pack);
    if (!pack) {
      pack = this.#object(place.pack);
      this.#packs.set(place.pack, pack);
    }
    return readPackedUnit(await pack, place.pack, place.unit);
  }

  #unit(unitId: string): Promise<LoadedUnit | ExcerptGap> {
    let loading = this.#units.get(unitId);
    if (!loading) {
      loading = this.#stored(unitId)
        .then((unit): LoadedUnit => ({ unit, lines: new Map() }))
        .catch((error: Error) =>
          error.name === 'NoSuchKey' ? { unavailable: 'The unit’s source is no longer stored.' } : { unavailable: `The unit’s source could not be read (${error.name}).` },
        );
      this.#units.set(unitId, loading);
    }
    return loading;
  }
}

export { ExcerptReader, highlightLines };
export type { Excerpt, ExcerptGap, ExcerptLine };
