import { Expressions } from '@abaplint/core';
import type { ABAPFile } from '@abaplint/core';

import { at } from './syntaxHelpers';
import type { AbapCheck, CheckHit } from './types';

/** Configuration of the check. */
type DatabaseHintConfig = {
  /** Database names of `%_HINTS` that are meant for the target (SAP HANA is `HDB`), upper case. */
  targetDatabases: readonly string[];
  /** Database names ABAP knows for `%_HINTS`; only these are named in messages (anything else is "another database"). */
  knownDatabases: readonly string[];
};

/**
 * Finds ABAP SQL database hints (`%_HINTS ORACLE '…'`, `%_HINTS MSSQLNT '…'`, …) for a database other than the
 * target. SAP HANA ignores them, so the access path they forced is gone after the migration. The database name is the
 * identifier after `%_HINTS` (and after each further hint of the same clause); the hint text is never quoted.
 *
 * @example
 * databaseHintCheck({ targetDatabases: ['HDB'], knownDatabases: ['ORACLE', 'HDB'] }).abap?.(abapFile, context);
 */
const databaseHintCheck = (config: DatabaseHintConfig): AbapCheck => {
  const targets = new Set(config.targetDatabases.map((name) => name.toUpperCase()));
  const known = new Set(config.knownDatabases.map((name) => name.toUpperCase()));
  // Messages never quote source: a name outside the known list could be anything the customer wrote.
  const label = (name: string): string => (known.has(name) ? name : 'another database');
  const abap = (file: ABAPFile): CheckHit[] => {
    const hits: CheckHit[] = [];
    if (!/%_HINTS/i.test(file.getRaw())) return hits;
    for (const statement of file.getStatements()) {
      for (const hints of statement.findAllExpressions(Expressions.SQLHints)) {
        // %_HINTS db 'text' [db 'text' …]: every identifier directly under the clause but the keyword names a database.
        const databases = hints
          .getChildren()
          .slice(1)
          .filter((child) => !(child.get() instanceof Expressions.SQLSource))
          .map((child) => child.getFirstToken());
        const foreign = databases.map((token) => token.getStr().toUpperCase()).filter((name) => !targets.has(name));
        if (foreign.length > 0) hits.push({ ...at(hints.getFirstToken()), detail: `hint for ${[...new Set(foreign.map(label))].join(', ')}` });
      }
    }
    return hits;
  };
  return { abap };
};

export type { DatabaseHintConfig };
export { databaseHintCheck };
