/**
 * Reads an abapGit folder from disk into analysis units, the way the splitter groups them (one unit per object, a
 * program with its includes). For tests and benchmarks only; production units come from the splitter.
 */
import type { Unit } from 'analysis-engine';

import { abapGitUnits, readSourceTree } from '../../../../bench/corpus/abap/units';

/**
 * Loads every abapGit object under `root` as a unit; paths in the units are relative to `root`.
 *
 * @example
 * const units = loadAbapGitUnits('examples/abap-erp-custom');
 */
const loadAbapGitUnits = (root: string): Unit[] => abapGitUnits(readSourceTree(root));

export { loadAbapGitUnits };
