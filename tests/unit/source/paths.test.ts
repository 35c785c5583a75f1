import { normalizeEntryPath } from '../../../functions/lib/source/paths';

const LIMITS = { maxPathLength: 64, maxPathDepth: 4 };

describe('Function: normalizeEntryPath()', () => {
  it.each([
    ['src/zfoo.prog.abap', 'src/zfoo.prog.abap'],
    ['./src/zfoo.prog.abap', 'src/zfoo.prog.abap'],
    ['src//a/./b.js', 'src/a/b.js'],
    ['src\\win\\b.js', 'src/win/b.js'],
    ['src/dir/', 'src/dir'],
    ['./', ''],
    ['a..b/c...d.js', 'a..b/c...d.js'],
  ])('turns %j into %j', (raw, path) => {
    // Assess
    expect(normalizeEntryPath(raw, LIMITS)).toBe(path);
  });

  it.each([
    ['../x', 'traversal'],
    ['a/../b', 'traversal'],
    ['a\\..\\..\\b', 'traversal'],
    ['/abs', 'absolute'],
    ['\\\\server\\share\\x', 'absolute'],
    ['c:/windows/x', 'drive-letter'],
    ['C:x', 'drive-letter'],
    ['a\u0000b', 'control-character'],
    ['a\nb', 'control-character'],
  ])('refuses %j as %s', (raw, problem) => {
    // Assess
    expect(() => normalizeEntryPath(raw, LIMITS)).toThrow(expect.objectContaining({ name: 'UnsafePathError', problem, entryPath: raw }));
  });

  it.each([
    ['x'.repeat(65), 'maxPathLength', 65],
    ['a/b/c/d/e', 'maxPathDepth', 5],
  ])('refuses %j past %s', (raw, limit, actual) => {
    // Assess
    expect(() => normalizeEntryPath(raw, LIMITS)).toThrow(expect.objectContaining({ name: 'PathTooLongError', limit, actual }));
  });
});
