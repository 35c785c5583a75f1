import { NativeSQL, Statements } from '@abaplint/core';
import type { ABAPFile, Nodes } from '@abaplint/core';

import { at } from './syntaxHelpers';
import type { AbapCheck, CheckHit } from './types';

/** Configuration of the check. */
type NativeSqlConfig = {
  /**
   * Follow the native connection commands (`CONNECT TO … AS …`, `SET CONNECTION …`, `DISCONNECT …`) in statement
   * order and leave out the EXEC SQL blocks that run on a secondary connection: they talk to another database, which
   * the move to SAP HANA does not change.
   */
  followConnections: boolean;
};

/** Native connection commands, in the order they appear in a block; what is left once they are cut out is SQL work. */
const CONNECTION_COMMAND =
  /\b(?:CONNECT\s+TO\s+(?:'[^']*'|\S+)(?:\s+AS\s+('[^']*'|\S+))?|SET\s+CONNECTION\s+(DEFAULT|'[^']*'|\S+)|DISCONNECT\s+('[^']*'|\S+)|(?:COMMIT|ROLLBACK)\s+CONNECTION\s+(?:'[^']*'|\S+))/gi;

const DEFAULT = 'DEFAULT';

/** One EXEC SQL … ENDEXEC block: its first statement and the native text it sends (comment lines left out). */
type Block = { start: Nodes.StatementNode; text: string };

const blocksOf = (file: ABAPFile): Block[] => {
  const blocks: Block[] = [];
  let open: Block | undefined;
  for (const statement of file.getStatements()) {
    const type = statement.get();
    if (type instanceof Statements.ExecSQL) open = { start: statement, text: '' };
    else if (type instanceof NativeSQL && open !== undefined) {
      const text = statement.concatTokens();
      // Comment lines inside the block (`*` at the start, `"` to the end of the line) are no SQL.
      if (!/^\s*[*"]/.test(text)) open.text += ` ${text}`;
    } else if (type instanceof Statements.EndExec && open !== undefined) {
      blocks.push(open);
      open = undefined;
    }
  }
  return blocks;
};

/** Where the first character of SQL work stands: not blank and in no connection command. */
const firstSqlPosition = (text: string, commands: readonly RegExpMatchArray[]): number => {
  let position = 0;
  for (;;) {
    while (position < text.length && /\s/.test(text[position])) position += 1;
    const command = commands.find((match) => match.index === position);
    if (command === undefined) return position;
    position += command[0].length;
  }
};

const connectionName = (token: string): string => token.replace(/^'|'$/g, '').toUpperCase();

/**
 * Finds EXEC SQL blocks whose native SQL runs on the primary database connection, the one that moves to SAP HANA.
 * One finding per block, at its EXEC SQL statement. Connection commands are followed in statement order through the
 * file (`CONNECT TO 'X' AS 'A'` and `SET CONNECTION 'A'` switch to a secondary connection, `SET CONNECTION DEFAULT` and
 * `DISCONNECT` of the current one switch back); a block that only manages connections is no finding, nor is SQL sent
 * while a secondary connection is current. A connection opened in another object, or a flow that is not the
 * statement order (a FORM called before the connection is opened), is not followed.
 *
 * @example
 * nativeSqlCheck({ followConnections: true }).abap?.(abapFile, context);
 */
const nativeSqlCheck = (config: NativeSqlConfig): AbapCheck => {
  const abap = (file: ABAPFile): CheckHit[] => {
    const hits: CheckHit[] = [];
    if (!/EXEC\s+SQL/i.test(file.getRaw())) return hits;
    let current = DEFAULT;
    for (const block of blocksOf(file)) {
      const commands = [...block.text.matchAll(CONNECTION_COMMAND)];
      const work = block.text.replace(CONNECTION_COMMAND, ' ').trim();
      // The connection the block's SQL runs on: the current one, switched by the commands written before the SQL.
      const firstWork = work === '' ? Number.POSITIVE_INFINITY : firstSqlPosition(block.text, commands);
      let onSecondary = current !== DEFAULT;
      for (const command of commands) {
        const [text, alias, selected, dropped] = command;
        const before = (command.index ?? 0) <= firstWork;
        if (/^CONNECT/i.test(text)) current = alias === undefined ? current : connectionName(alias);
        else if (selected !== undefined) current = connectionName(selected);
        else if (dropped !== undefined && connectionName(dropped) === current) current = DEFAULT;
        if (before) onSecondary = current !== DEFAULT;
      }
      if (work === '' || (config.followConnections && onSecondary)) continue;
      hits.push({ ...at(block.start.getFirstToken()) });
    }
    return hits;
  };
  return { abap };
};

export type { NativeSqlConfig };
export { nativeSqlCheck };
