// Runs houfu's readers on fuzzed files in a worker thread, so that a hang can be ended
// from outside (the test terminates the worker) and never stalls the suite. Uses the built
// packages (the test script builds first).
import { parentPort } from 'node:worker_threads';
import { compute, datasetFromFiles, toObjects } from '../../packages/core/dist/index.js';
import { catalog } from '../../packages/indicators/dist/index.js';

// A rejection nobody awaits would end a command-line run with a stack trace: report it.
let current = -1;
process.on('unhandledRejection', (e) => parentPort.postMessage({ id: current, crash: `unhandled rejection: ${String((e && e.stack) || e)}` }));
process.on('uncaughtException', (e) => parentPort.postMessage({ id: current, crash: `uncaught exception: ${String((e && e.stack) || e)}` }));

parentPort.on('message', async ({ id, files }) => {
  current = id;
  try {
    const ds = await datasetFromFiles(files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })));
    const usable = !ds.findings.some((f) => f.severity === 'error');
    const numbers = usable ? toObjects(await compute(ds, catalog, { by: ['site', 'county'] })) : null;
    const findings = ds.findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message, messageZh: f.messageZh }));
    parentPort.postMessage({ id, findings, numbers });
  } catch (e) {
    parentPort.postMessage({ id, crash: String((e && e.stack) || e) });
  }
});
