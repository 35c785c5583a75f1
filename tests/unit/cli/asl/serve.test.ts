import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startServer } from '../../../../local/cli/asl/serve';
import { stepFunctionsClientConfig } from '../../../../local/endpoints/stepfunctions';

describe('Function: startServer()', () => {
  let stateDir: string;

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'asl-serve-'));
  });

  afterEach(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('announces the endpoint and a ready line, and serves the SDK', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    const server = await startServer(
      { command: 'serve', port: 0, host: '127.0.0.1', stateDir, fresh: false },
      { stdout: () => undefined, stderr: (line) => lines.push(line) }
    );
    const sfn = new SFNClient(stepFunctionsClientConfig(server.endpoint.url));
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    sfn.destroy();
    await server.stop();

    // Assess
    expect(listed.stateMachines).toEqual([]);
    expect(lines).toContain(`[asl] Step Functions endpoint ${server.endpoint.url}`);
    expect(lines.at(-1)).toMatch(/^\[asl\] ready in \d+ ms$/);
  });

  it('empties only the store folders of the state directory with --fresh', async () => {
    // Prepare
    await mkdir(join(stateDir, 'state-machines'), { recursive: true });
    await writeFile(join(stateDir, 'state-machines', 'old.json'), '{}');
    await writeFile(join(stateDir, 'notes.txt'), 'keep me');

    // Act
    const server = await startServer(
      { command: 'serve', port: 0, host: '127.0.0.1', stateDir, fresh: true },
      { stdout: () => undefined, stderr: () => undefined }
    );
    await server.stop();

    // Assess
    expect(await readdir(join(stateDir, 'state-machines'))).toEqual([]);
    expect((await readdir(stateDir)).sort()).toEqual(['executions', 'history', 'map-runs', 'notes.txt', 'state-machines']);
  });
});
