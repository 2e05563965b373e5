// npm run bench — prints each benchmark's figures and ratios side by side. Needs a production build (npm run build).
import { openBrowser } from './browser';
import { benchBusyLoop, benchCompile, benchFastForward } from './core';
import { benchDeploy } from './deploy';
import { benchFlow } from './flow';
import { benchMlperf } from './mlperf';
import { benchMnist } from './mnist';
import { benchNab } from './nab';
import { benchTrain } from './train';

const session = await openBrowser();
const sections: [string, () => Promise<string[]>][] = [
  [
    'simulator core',
    async () => [
      ...(await benchFastForward(session)),
      ...(await benchCompile(session)),
      ...(await benchBusyLoop(session)),
    ],
  ],
  ['page under load', () => benchFlow(session)],
  ['MNIST inference', () => benchMnist(session)],
  ['MLPerf Tiny models: firmware engine in Chromium vs native vs tfjs-tflite', () => benchMlperf(session)],
  ['NAB anomaly detection', async () => (await benchNab()).lines],
  ['training in the page', () => benchTrain(session)],
  ['over-the-air deploy', () => benchDeploy()],
];
let failed = false;
try {
  for (const [title, run] of sections) {
    console.log(`\n== ${title} ==`);
    try {
      for (const line of await run()) console.log(line);
    } catch (e) {
      failed = true;
      console.error(`${title}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
} finally {
  await session.close();
}
process.exit(failed ? 1 : 0);
