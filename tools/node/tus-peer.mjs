// A reference tus 1.0 server (@tus/server + @tus/file-store) that tests and `svctl bench upload --peer tus-node`
// talk to while, and after, our own server exists: same protocol, an independent implementation.
//
//   node tools/node/tus-peer.mjs --port 1080 --dir /tmp/uploads [--path /files] [--host 127.0.0.1] [--exit-with-parent]
//
// Prints "listening" once it accepts connections. Uploads are stored as <dir>/<id> (metadata in <dir>/<id>.json).
// It ignores the Authorization header. With --exit-with-parent it exits when its stdin closes, so a test run
// that dies (kill -9) does not leave it behind.
import { parseArgs } from 'node:util';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '1080' },
    dir: { type: 'string' },
    path: { type: 'string', default: '/files' },
    host: { type: 'string', default: '127.0.0.1' },
    'exit-with-parent': { type: 'boolean', default: false },
  },
});

if (!values.dir) {
  console.error('tus-peer: --dir is required');
  process.exit(2);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`tus-peer: invalid --port ${values.port}`);
  process.exit(2);
}

const tus = new Server({ path: values.path, datastore: new FileStore({ directory: values.dir }) });
const http = tus.listen({ host: values.host, port }, () => console.log('listening'));
http.on('error', (error) => {
  console.error(`tus-peer: ${error.message}`);
  process.exit(1);
});

const stop = () => http.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (values['exit-with-parent']) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
