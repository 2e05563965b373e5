// npm run fleet:load -- --join <join URL> [--devices 30] [--app mnist] [--speed 1]: N real simulated boards (the
// demo firmware with its update agent, on the same Simulator the page runs) join a workshop as headless devices,
// e.g. to rehearse a campaign before attendees arrive. Ctrl-C disconnects them cleanly (their status goes offline).
import { parseArgs } from 'node:util';
import { BoardFarm, HeadlessBoard, joinWorkshop, loadAppFirmware } from './headlessBoard';

const { values } = parseArgs({
  options: {
    join: { type: 'string' },
    devices: { type: 'string', default: '30' },
    app: { type: 'string', default: 'mnist' },
    speed: { type: 'string', default: '1' },
  },
});
const n = Number(values.devices);
const speed = Number(values.speed);
if (!values.join || !Number.isInteger(n) || n < 1 || !(speed > 0)) {
  console.error('usage: npm run fleet:load -- --join <join URL> [--devices N] [--app mnist] [--speed 1]');
  process.exit(2);
}
const joinUrl = new URL(values.join);
const code = joinUrl.searchParams.get('code');
if (!code) {
  console.error(`${values.join} has no code= parameter: pass the join URL the server printed`);
  process.exit(2);
}

const firmware = await loadAppFirmware(values.app);
const farm = new BoardFarm(speed);
for (let i = 0; i < n; i++) {
  const credentials = await joinWorkshop(joinUrl.origin, code);
  const board = farm.add(await HeadlessBoard.start(firmware, credentials, { log: (m) => console.warn(m) }));
  console.log(`device ${board.id} (${firmware.app}) joined`);
}
console.log(`${n} boards running at ×${speed}`);

process.on('SIGINT', () => void farm.close().then(() => process.exit(0)));
