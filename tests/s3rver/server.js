// Starts s3rver on 127.0.0.1 for one test: node server.js <port> <folder>. Prints "listening <port>" once it accepts requests
// and stops when its standard input closes (the test process ends), so no server outlives its test.
'use strict';
const S3rver = require('s3rver');

const port = Number(process.argv[2] || 0);
const directory = process.argv[3];
if (!directory) { console.error('usage: node server.js <port> <folder>'); process.exit(2); }

const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true });
server.run().then(({ port: bound }) => {
  console.log('listening ' + bound);
}, error => {
  console.error(error && error.stack || String(error));
  process.exit(1);
});
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
