/**
 * Planning a split from the listing alone: which entries to read, which to skip (and why), and which files make up
 * each ABAP object. Knowing every object's files before reading any is what lets the assembler hand an object on as
 * soon as its last file arrives, whatever the order of the archive.
 */
import type { AbapGitFileName } from './abapGit';
import type { ArchiveEntry } from './archive';
import { createClassifier } from './classify';
import type { PathDecision } from './classify';
import { SkipReasons } from './constants';
import { DuplicateEntryError } from './errors';
import type { ResolvedSplitOptions, SkippedEntry } from './types';

/** One ABAP object's files, as planned. */
type GroupPlan = {
  key: string;
  /** The entries to read, by index. */
  members: Map<number, { entry: ArchiveEntry; name: AbapGitFileName; fileName: string }>;
};

/** What to do with an entry that is read. */
type Role =
  | { kind: 'single'; decision: Extract<PathDecision, { kind: 'single' }> }
  | { kind: 'abap'; group: GroupPlan };

/** The plan of one split. */
type SplitPlan = {
  /** Entries to read, in listing order. */
  toRead: ArchiveEntry[];
  roles: Map<number, Role>;
  groups: Map<string, GroupPlan>;
  /** Entries skipped by path, type or declared size; whole directories listed once. */
  skipped: SkippedEntry[];
  /** Files skipped (a skipped directory counts its files). */
  skippedFiles: number;
  entries: number;
  files: number;
};

/**
 * Plans the split of a listed archive.
 *
 * @throws DuplicateEntryError when two files of one ABAP object differ only in letter case
 * @example
 * const plan = planSplit(await reader.list(), options);
 * await reader.readContents(plan.toRead, onContent);
 */
const planSplit = (
  entries: ReadonlyArray<ArchiveEntry>,
  options: Pick<ResolvedSplitOptions, 'vendoredDirectories' | 'maxFileBytes'>,
): SplitPlan => {
  const classify = createClassifier(options);
  const plan: SplitPlan = {
    toRead: [],
    roles: new Map(),
    groups: new Map(),
    skipped: [],
    skippedFiles: 0,
    entries: entries.length,
    files: 0,
  };
  const skippedDirectories = new Map<string, SkippedEntry & { entries: number }>();
  const skip = (entry: SkippedEntry): void => {
    plan.skipped.push(entry);
    plan.skippedFiles += 1;
  };

  for (const entry of entries) {
    if (entry.kind === 'directory') continue;
    plan.files += 1;
    const decision = classify(entry.path);
    if (decision.kind === 'skip') {
      if (decision.directory === undefined) {
        skip({ path: entry.path, reason: decision.reason, ...(decision.detail === undefined ? {} : { detail: decision.detail }) });
      } else {
        const seen = skippedDirectories.get(decision.directory);
        if (seen === undefined) {
          const record = { path: decision.directory, reason: decision.reason, entries: 1 };
          skippedDirectories.set(decision.directory, record);
          plan.skipped.push(record);
        } else {
          seen.entries += 1;
        }
        plan.skippedFiles += 1;
      }
      continue;
    }
    if (entry.encrypted === true) {
      skip({ path: entry.path, reason: SkipReasons.Encrypted, detail: 'password-protected zip entry' });
      continue;
    }
    if (entry.unsupportedCompression !== undefined) {
      skip({
        path: entry.path,
        reason: SkipReasons.UnsupportedCompression,
        detail: `zip compression method ${entry.unsupportedCompression} (only stored and deflate are read)`,
      });
      continue;
    }
    if (entry.size > options.maxFileBytes) {
      skip({
        path: entry.path,
        reason: SkipReasons.TooLarge,
        detail: `declares ${entry.size} bytes (maxFileBytes ${options.maxFileBytes})`,
      });
      continue;
    }
    if (entry.size === 0) {
      skip({ path: entry.path, reason: SkipReasons.Empty, detail: '0 bytes' });
      continue;
    }
    if (decision.kind === 'single') {
      plan.roles.set(entry.index, { kind: 'single', decision });
    } else {
      let group = plan.groups.get(decision.groupKey);
      if (group === undefined) {
        group = { key: decision.groupKey, members: new Map() };
        plan.groups.set(decision.groupKey, group);
      }
      const lower = decision.fileName.toLowerCase();
      for (const member of group.members.values()) {
        if (member.fileName.toLowerCase() === lower) throw new DuplicateEntryError(entry.path, member.entry.path);
      }
      group.members.set(entry.index, { entry, name: decision.name, fileName: decision.fileName });
      plan.roles.set(entry.index, { kind: 'abap', group });
    }
    plan.toRead.push(entry);
  }

  // Objects with metadata only (tables, data elements, packages) have nothing for the analyzers: not read at all.
  const metadataOnly = new Set<number>();
  for (const group of plan.groups.values()) {
    const members = [...group.members.values()];
    if (members.some((member) => member.name.role === 'source')) continue;
    for (const { entry, name } of members) {
      metadataOnly.add(entry.index);
      plan.roles.delete(entry.index);
      skip({
        path: entry.path,
        reason: SkipReasons.MetadataOnly,
        detail: `${name.objectType} ${name.objectName} has no source file`,
      });
    }
    plan.groups.delete(group.key);
  }
  if (metadataOnly.size > 0) plan.toRead = plan.toRead.filter((entry) => !metadataOnly.has(entry.index));
  return plan;
};

export { planSplit };
export type { GroupPlan, Role, SplitPlan };
