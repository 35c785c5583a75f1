import { generateAbapGitCorpus, nonBlankLines } from '../corpus';

describe('Function: generateAbapGitCorpus()', () => {
  it('gives byte-identical files for the same seed and size', () => {
    // Act
    const first = generateAbapGitCorpus({ loc: 3000, seed: 42 });
    const second = generateAbapGitCorpus({ loc: 3000, seed: 42 });

    // Assess
    expect(second.files).toEqual(first.files);
  });

  it('gives a different code base for another seed', () => {
    // Act
    const first = generateAbapGitCorpus({ loc: 3000, seed: 1 });
    const second = generateAbapGitCorpus({ loc: 3000, seed: 2 });

    // Assess
    expect(second.files.map((file) => file.text)).not.toEqual(first.files.map((file) => file.text));
  });

  it('reaches the requested lines, counted as non-blank lines of .abap files, and stops after that object', () => {
    // Act
    const corpus = generateAbapGitCorpus({ loc: 5000, seed: 3 });

    // Assess
    const counted = corpus.files.filter((file) => file.path.endsWith('.abap')).reduce((sum, file) => sum + nonBlankLines(file.text), 0);
    expect(corpus.loc).toBe(counted);
    expect(corpus.loc).toBeGreaterThanOrEqual(5000);
    expect(corpus.loc).toBeLessThan(5000 + 2000);
  });

  it('writes abapGit objects: classes with local parts and XML, function groups with includes, reports with XML', () => {
    // Act
    const corpus = generateAbapGitCorpus({ loc: 20_000, seed: 1 });
    const paths = corpus.files.map((file) => file.path);

    // Assess
    const aClass = paths.find((path) => /\/zcl_[a-z0-9_]+\.clas\.abap$/.test(path))!;
    const classBase = aClass.slice(0, -'.clas.abap'.length);
    expect(paths).toEqual(expect.arrayContaining([`${classBase}.clas.locals_def.abap`, `${classBase}.clas.locals_imp.abap`, `${classBase}.clas.testclasses.abap`, `${classBase}.clas.xml`]));
    const aGroup = paths.find((path) => path.endsWith('.fugr.xml'))!;
    const group = aGroup.slice(aGroup.lastIndexOf('/') + 1, -'.fugr.xml'.length);
    expect(paths.some((path) => path.endsWith(`${group}.fugr.l${group}top.abap`))).toBe(true);
    expect(paths.some((path) => path.endsWith(`${group}.fugr.sapl${group}.abap`))).toBe(true);
    expect(paths.some((path) => new RegExp(`${group}\\.fugr\\.z_[a-z0-9_]+\\.abap$`).test(path))).toBe(true);
    const aReport = paths.find((path) => /\.prog\.abap$/.test(path))!;
    expect(paths).toContain(aReport.replace(/\.abap$/, '.xml'));
    expect(corpus.objects.PROG).toBeGreaterThan(0);
    expect(corpus.objects.CLAS).toBeGreaterThan(0);
    expect(corpus.objects.FUGR).toBeGreaterThan(0);
  });

  it('names every object once, so no two units can share a content hash', () => {
    // Act
    const corpus = generateAbapGitCorpus({ loc: 20_000, seed: 5 });

    // Assess
    const paths = corpus.files.map((file) => file.path);
    expect(new Set(paths).size).toBe(paths.length);
    const mains = corpus.files.filter((file) => /\.(clas|prog|intf)\.abap$/.test(file.path)).map((file) => file.text);
    expect(new Set(mains).size).toBe(mains.length);
  });

  it.each([0, -5, Number.NaN])('refuses a line count of %p', (loc) => {
    // Act & Assess
    expect(() => generateAbapGitCorpus({ loc })).toThrow(/loc must be a positive number of lines/);
  });
});
