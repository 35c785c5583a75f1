/**
 * Reads an abapGit folder from disk into analysis units, one per object (all files sharing `<name>.<type>` in one
 * folder), the way the splitter groups them. For tests and benchmarks only; production units come from the splitter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { Unit } from 'analysis-engine';

const OBJECT_KEY = /^([^.]+\.[a-z0-9]{4})\./i;

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );

/**
 * Loads every abapGit object under `root` as a unit; paths in the units are relative to `root`.
 *
 * @example
 * const units = loadAbapGitUnits('examples/abap-erp-custom');
 */
const loadAbapGitUnits = (root: string): Unit[] => {
  const groups = new Map<string, { path: string; text: string }[]>();
  for (const file of walk(root).sort()) {
    const path = relative(root, file).split('\\').join('/');
    const name = path.slice(path.lastIndexOf('/') + 1);
    const key = OBJECT_KEY.exec(name);
    if (key === null || name.endsWith('.devc.xml')) continue;
    const groupKey = `${path.slice(0, path.lastIndexOf('/') + 1)}${key[1].toLowerCase()}`;
    const group = groups.get(groupKey) ?? [];
    group.push({ path, text: readFileSync(file, 'utf8') });
    groups.set(groupKey, group);
  }
  return [...groups].map(([key, files]) => {
    const main = files.find((file) => file.path.toLowerCase().endsWith(`${key.slice(key.lastIndexOf('/') + 1)}.abap`)) ?? files[0];
    const [objectName, objectType] = key.slice(key.lastIndexOf('/') + 1).split('.');
    return {
      unitId: key,
      language: 'abap',
      objectType: objectType.toUpperCase(),
      objectName: objectName.replace(/#/g, '/').toUpperCase(),
      path: main.path,
      files,
      loc: files.filter((file) => !file.path.endsWith('.xml')).reduce((sum, file) => sum + file.text.split('\n').filter((line) => line.trim() !== '').length, 0),
    };
  });
};

export { loadAbapGitUnits };
