// Entry point of `npm run bench`: runs the compiled benchmark (bench/dist) with the network folder
// resolved like test-network.sh does.
const path = require('node:path');

process.env.SCC_NETWORK_DIR ??= path.join(__dirname, '..', 'network', 'state');
require('./dist/bench/src/main.js');
