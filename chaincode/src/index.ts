import { SystemContract } from './system/system-contract';

export { SystemContract };

/** Every contract of the chaincode; fabric-shim starts them from `main` in package.json. */
export const contracts: unknown[] = [SystemContract];
