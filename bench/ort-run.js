// Times onnxruntime (CPU, 2 intra-op threads) on a model and one .npy input:
//   node ort-run.js model.onnx input.npy expected.npy runs
// Prints the median session.run time and the max abs error against expected.
const ort = require('onnxruntime-node');
const fs = require('fs');

function readNpyF32(path) {
  const buf = fs.readFileSync(path);
  const headerLen = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + headerLen);
  if (!header.includes("'<f4'")) throw new Error(`${path}: expected float32`);
  const shape = header.match(/'shape': \(([^)]*)\)/)[1]
    .split(',').map(s => s.trim()).filter(s => s).map(Number);
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset + 10 + headerLen,
                                                 buf.byteOffset + buf.length));
  return { shape, data };
}

async function main() {
  const [model, inputPath, expectedPath, runsArg] = process.argv.slice(2);
  const runs = Number(runsArg || 5);
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: 2, interOpNumThreads: 1, executionProviders: ['cpu'] });
  const input = readNpyF32(inputPath);
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input.data, input.shape) };
  let out = await session.run(feeds);  // warm-up
  const times = [];
  for (let i = 0; i < runs; ++i) {
    const t0 = process.hrtime.bigint();
    out = await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const got = out[session.outputNames[0]].data;
  const want = readNpyF32(expectedPath).data;
  let err = 0;
  for (let i = 0; i < want.length; ++i) err = Math.max(err, Math.abs(got[i] - want[i]));
  console.log(`onnxruntime: median ${times[Math.floor(runs / 2)].toFixed(1)} ms over ${runs} runs; max abs error vs PyTorch ${err.toExponential(2)}`);
}
main().catch(e => { console.error(e); process.exit(1); });
