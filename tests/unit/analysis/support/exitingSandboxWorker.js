// A sandbox worker entry that says it is ready and then exits on the first unit: what a worker that dies (a native
// crash, a process.exit in a dependency) looks like to the sandbox.
const { parentPort } = require('node:worker_threads');

parentPort.on('message', () => process.exit(3));
parentPort.postMessage({ type: 'ready' });
