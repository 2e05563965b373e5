// npm run fleet [-- --port 8080 --data ./fleet-data --redis redis://127.0.0.1:6379 --host 0.0.0.0 --broker-only]:
// starts the workshop server and prints the instructor and join URLs (docs/fleet.md "Running it").
import { parseArgs } from 'node:util';
import { startFleetServer } from './fleetServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '0.0.0.0' },
    data: { type: 'string', default: './fleet-data' },
    redis: { type: 'string' },
    'broker-only': { type: 'boolean', default: false },
    'public-url': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port wants a port number, not ${values.port}`);
  process.exit(2);
}

const fleet = await startFleetServer({
  port,
  host: values.host,
  dataDir: values.data,
  redis: values.redis,
  brokerOnly: values['broker-only'],
  publicUrl: values['public-url'],
});
console.log(`workshop ${fleet.workshop.id}: data in ${values.data}${values.redis ? `, sharing ${values.redis}` : ''}`);
console.log(`broker: ${fleet.brokerUrl}`);
if (!values['broker-only']) console.log(`instructor: ${fleet.instructorUrl}`);
console.log(`join: ${fleet.joinUrl}`);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  void fleet.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
