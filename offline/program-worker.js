// Runs offline/program.ts `runProgram` in a worker thread (plain JS so that a Worker can load it;
// it registers ts-node itself). Used to run the preview capture on a second core.
const path = require("path");
const { parentPort, workerData } = require("worker_threads");
require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
const { runProgram } = require("./program");
runProgram(workerData).then(
    (r) => parentPort.postMessage({ ok: true, resources: r.resources, outputs: r.outputs }),
    (e) => parentPort.postMessage({ ok: false, error: e && e.stack ? e.stack : String(e) }),
);
