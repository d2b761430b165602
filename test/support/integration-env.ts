// Integration tests talk to a real network: commits take seconds, not milliseconds.
jest.setTimeout(180_000);
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'error';
