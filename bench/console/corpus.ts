/**
 * The page-load benchmark's code base: many ABAP programs in abapGit layout, each a renamed copy of one of the
 * bundled example's report programs (their findings are known: 16 in ZSD_CUSTOMER_UPLOAD, 9 in
 * ZFI_OPEN_ITEMS_REPORT), mixed 4 to 3 so that a run averages 13 findings a unit: 5,000 units give about 65,000
 * findings. Every copy differs (its name), so every one is its own unit, analysed and stored.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'abap-erp-custom', 'src');

/** The two programs copied, and how many copies of each go into every seven units. */
const TEMPLATES = [
  { folder: 'sd', name: 'zsd_customer_upload', share: 4 },
  { folder: 'fi', name: 'zfi_open_items_report', share: 3 },
] as const;

/** Packages (folders) the programs are spread over, so the treemap has folders to draw. */
const PACKAGES = 20;

const packageXml = (text: string): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<abapGit version="v1.0.0" serializer="LCL_OBJECT_DEVC" serializer_version="v1.0.0">\n <asx:abap xmlns:asx="http://www.sap.com/abapxml" version="1.0">\n  <asx:values>\n   <DEVC>\n    <CTEXT>${text}</CTEXT>\n   </DEVC>\n  </asx:values>\n </asx:abap>\n</abapGit>\n`;

/**
 * Writes `units` programs below `directory` (src/ with one package folder per 1/20th) and answers the lines of code.
 *
 * @example
 * const loc = writeConsoleCorpus('/tmp/corpus', 5000);
 */
const writeConsoleCorpus = (directory: string, units: number): { loc: number; files: number } => {
  const sources = TEMPLATES.map((template) => ({
    ...template,
    abap: readFileSync(join(EXAMPLE, template.folder, `${template.name}.prog.abap`), 'utf8'),
    xml: readFileSync(join(EXAMPLE, template.folder, `${template.name}.prog.xml`), 'utf8'),
  }));
  const cycle = sources.flatMap((source) => Array.from({ length: source.share }, () => source));
  const src = join(directory, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'package.devc.xml'), packageXml('Console benchmark'));
  let loc = 0;
  let files = 1;
  for (let area = 1; area <= PACKAGES; area += 1) {
    mkdirSync(join(src, `p${String(area).padStart(2, '0')}`), { recursive: true });
    writeFileSync(join(src, `p${String(area).padStart(2, '0')}`, 'package.devc.xml'), packageXml(`Area ${area}`));
    files += 1;
  }
  for (let index = 0; index < units; index += 1) {
    const source = cycle[index % cycle.length];
    const name = `zbench_${String(index + 1).padStart(5, '0')}`;
    const folder = join(src, `p${String((index % PACKAGES) + 1).padStart(2, '0')}`);
    const rename = (text: string): string => text.replace(new RegExp(source.name, 'gi'), (found) => (found === found.toUpperCase() ? name.toUpperCase() : name));
    const abap = rename(source.abap);
    writeFileSync(join(folder, `${name}.prog.abap`), abap);
    writeFileSync(join(folder, `${name}.prog.xml`), rename(source.xml));
    files += 2;
    loc += abap.split('\n').filter((line) => line.trim() !== '').length;
  }
  return { loc, files };
};

export { writeConsoleCorpus };
