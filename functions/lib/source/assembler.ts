/**
 * Turning file contents into units: decode and judge each file, collect an ABAP object's files until the last one
 * arrives, hash, deduplicate, hand on. Holds only the objects in progress.
 */
import { programTypeFromXml } from './abapGit';
import type { ArchiveEntry } from './archive';
import { Languages, SkipReasons } from './constants';
import { countLoc, decodeSourceText, detectMinified } from './content';
import type { GroupPlan, SplitPlan } from './plan';
import { planPrograms } from './programs';
import type {
  FallbackEncoding,
  FileEncoding,
  Language,
  ProgramType,
  SkippedEntry,
  SkipReason,
  SourceUnit,
  UnitFile,
  UnitSummary,
} from './types';
import { serializeUnit, unitIdOf } from './unitFormat';

/** A unit before it is hashed. */
type UnitDraft = Omit<SourceUnit, 'unitId' | 'bytes'>;

/** Receives each distinct unit with its stored bytes. */
type UnitEmitter = (unit: SourceUnit, body: Buffer) => Promise<void>;

/** Files of one ABAP object read so far. */
type GroupProgress = { plan: GroupPlan; files: Array<UnitFile & { role: 'source' | 'metadata'; main: boolean }>; remaining: number };

const FUGR_MAIN = /\.(?:#[^#.]+#)?sapl[^.]*\.abap$/i;
const MINIFIABLE = new Set<Language>([Languages.JavaScript, Languages.TypeScript, Languages.Html]);

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Assembles units from the contents of a planned split.
 *
 * @example
 * const assembler = new UnitAssembler(plan, { fallbackEncoding: undefined }, (unit, body) => queue.put(unit, body));
 * await reader.readContents(plan.toRead, (entry, bytes) => assembler.add(entry, bytes));
 * await assembler.finish();
 * assembler.units; // summaries, deduplicated
 */
class UnitAssembler {
  /** Distinct units, in completion order. */
  public readonly units: UnitSummary[] = [];
  /** Files skipped for their content. */
  public readonly skipped: SkippedEntry[] = [];
  /** Units dropped as identical to an earlier one. */
  public duplicates = 0;
  /** Every file decoded into a unit, with its encoding. */
  public readonly encodings: FileEncoding[] = [];

  private readonly byId = new Map<string, UnitSummary>();
  private readonly progress = new Map<string, GroupProgress>();
  /** ABAP programs and function groups, held until the archive is read: an include can come before its program. */
  private readonly programs: UnitDraft[] = [];

  public constructor(
    private readonly plan: SplitPlan,
    private readonly options: { fallbackEncoding?: FallbackEncoding | false },
    private readonly emit: UnitEmitter,
  ) {}

  /** Takes one read entry's bytes. */
  public async add(entry: ArchiveEntry, bytes: Buffer): Promise<void> {
    const role = this.plan.roles.get(entry.index);
    if (role === undefined) return;
    const decoded = decodeSourceText(bytes, this.options.fallbackEncoding);
    if (role.kind === 'single') {
      const { decision } = role;
      if (!decoded.ok) {
        this.skip(entry.path, decoded, bytes);
        return;
      }
      const minified = MINIFIABLE.has(decision.language) ? detectMinified(decoded.text) : undefined;
      if (minified !== undefined) {
        this.skipped.push({ path: entry.path, reason: SkipReasons.MinifiedContent, detail: minified, lines: countLoc(decoded.text) });
        return;
      }
      this.recordEncoding(entry.path, decoded);
      await this.complete({
        language: decision.language,
        ...(decision.objectType === undefined ? {} : { objectType: decision.objectType }),
        ...(decision.objectName === undefined ? {} : { objectName: decision.objectName }),
        path: entry.path,
        files: [{ path: entry.path, name: decision.fileName, text: decoded.text }],
        loc: countLoc(decoded.text),
      });
      return;
    }

    const { group } = role;
    let progress = this.progress.get(group.key);
    if (progress === undefined) {
      progress = { plan: group, files: [], remaining: group.members.size };
      this.progress.set(group.key, progress);
    }
    progress.remaining -= 1;
    const member = group.members.get(entry.index);
    if (member !== undefined) {
      if (decoded.ok) {
        this.recordEncoding(entry.path, decoded);
        progress.files.push({
          path: entry.path,
          name: member.fileName,
          text: decoded.text,
          role: member.name.role,
          main: member.name.main,
        });
      } else {
        this.skip(entry.path, decoded, bytes);
      }
    }
    if (progress.remaining === 0) await this.completeGroup(progress);
  }

  private recordEncoding(path: string, decoded: { encoding: string; confidence?: number }): void {
    this.encodings.push({ path, encoding: decoded.encoding, ...(decoded.confidence === undefined ? {} : { confidence: decoded.confidence }) });
  }

  /** A file unreadable as text; its lines are counted when it is text in an unknown encoding (not binary). */
  private skip(path: string, decoded: { reason: SkipReason; detail: string }, bytes: Buffer): void {
    const lines = decoded.reason === SkipReasons.InvalidEncoding ? countLoc(bytes.toString('latin1')) : undefined;
    this.skipped.push({ path, reason: decoded.reason, detail: decoded.detail, ...(lines === undefined ? {} : { lines }) });
  }

  /**
   * Completes objects still waiting for files (none, when every planned entry was read), then the programs: each main
   * program with the includes it names (see programs.ts).
   */
  public async finish(): Promise<void> {
    for (const progress of [...this.progress.values()]) await this.completeGroup(progress);
    const programs = this.programs.splice(0);
    const merged = new Set<number>();
    for (const group of planPrograms(programs)) {
      const main = programs[group.main];
      const includes = group.includes.map((index) => programs[index]);
      for (const index of [group.main, ...group.includes]) merged.add(index);
      await this.emitUnit({
        ...main,
        files: [...main.files, ...includes.flatMap((include) => include.files)],
        ...(group.context.length === 0 ? {} : { context: group.context.flatMap((index) => programs[index].files) }),
        loc: main.loc + includes.reduce((sum, include) => sum + include.loc, 0),
      });
    }
    for (const [index, program] of programs.entries()) if (!merged.has(index)) await this.emitUnit(program);
  }

  private async completeGroup(progress: GroupProgress): Promise<void> {
    this.progress.delete(progress.plan.key);
    const files = progress.files.sort(byName);
    const sources = files.filter((file) => file.role === 'source');
    const first = progress.plan.members.values().next().value;
    if (first === undefined) return;
    const { objectType, objectName } = first.name;
    if (sources.length === 0) {
      // Every source file of the object was unreadable: its metadata alone is not a unit.
      for (const file of files) {
        this.skipped.push({
          path: file.path,
          reason: SkipReasons.MetadataOnly,
          detail: `${objectType} ${objectName} has no readable source file`,
        });
      }
      return;
    }
    // A function group has no `<name>.fugr.abap`: its main program is the `SAPL<name>` include.
    const main =
      sources.find((file) => file.main) ??
      (objectType === 'FUGR' ? sources.find((file) => FUGR_MAIN.test(file.name)) : undefined) ??
      sources[0];
    const xml = objectType === 'PROG' ? files.find((file) => file.role === 'metadata' && file.main) : undefined;
    const programType: ProgramType | undefined = xml === undefined ? undefined : programTypeFromXml(xml.text);
    await this.complete({
      language: Languages.Abap,
      objectType,
      objectName,
      ...(programType === undefined ? {} : { programType }),
      path: main.path,
      files: files.map(({ path, name, text }) => ({ path, name, text })),
      loc: sources.reduce((sum, file) => sum + countLoc(file.text), 0),
    });
  }

  private async complete(draft: UnitDraft): Promise<void> {
    // Programs wait for the archive's end, when their includes are known.
    if (draft.language === Languages.Abap && (draft.objectType === 'PROG' || draft.objectType === 'FUGR')) {
      this.programs.push(draft);
      return;
    }
    await this.emitUnit(draft);
  }

  private async emitUnit(draft: UnitDraft): Promise<void> {
    const body = serializeUnit(draft);
    const unitId = unitIdOf(body);
    const known = this.byId.get(unitId);
    if (known !== undefined) {
      (known.duplicates ??= []).push(draft.path);
      this.duplicates += 1;
      return;
    }
    const files = [...draft.files].sort(byName);
    const unit: SourceUnit = {
      unitId,
      language: draft.language,
      ...(draft.objectType === undefined ? {} : { objectType: draft.objectType }),
      ...(draft.objectName === undefined ? {} : { objectName: draft.objectName }),
      ...(draft.programType === undefined ? {} : { programType: draft.programType }),
      path: draft.path,
      files,
      ...(draft.context === undefined ? {} : { context: [...draft.context].sort(byName) }),
      loc: draft.loc,
      bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.text, 'utf8'), 0),
    };
    const { files: unitFiles, context: _context, ...rest } = unit;
    const summary: UnitSummary = { ...rest, files: unitFiles.map((file) => file.path) };
    this.byId.set(unitId, summary);
    this.units.push(summary);
    await this.emit(unit, body);
  }
}

export { UnitAssembler };
export type { UnitEmitter };
