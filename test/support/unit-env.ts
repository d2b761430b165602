// fabric-contract-api logs every call at info level; unit tests only need errors.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'error';
