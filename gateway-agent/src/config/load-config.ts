import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AgentConfig, agentConfigSchema } from './agent-config';
import { ConfigError } from './config-error';
import { readYamlFile } from './yaml-file';

/** Options for {@link loadAgentConfig}. */
export type LoadOptions = Readonly<{
  /** Check that the Fabric TLS, certificate and key files exist (default true). */
  checkFiles?: boolean;
}>;

/**
 * Reads and validates an agent configuration file. Relative paths are resolved against the file's
 * folder; a `privateKey` that names a folder (like an MSP `keystore`) resolves to the one key in it.
 */
export function loadAgentConfig(file: string, options: LoadOptions = {}): AgentConfig {
  const config = readYamlFile(file, agentConfigSchema);
  const base = dirname(resolve(file));
  const fabric = {
    ...config.fabric,
    tlsCaCert: resolve(base, config.fabric.tlsCaCert),
    certificate: resolve(base, config.fabric.certificate),
    privateKey: resolve(base, config.fabric.privateKey),
  };
  const resolved: AgentConfig = { ...config, stateDir: resolve(base, config.stateDir), fabric };
  if (options.checkFiles ?? true) {
    const problems: string[] = [];
    for (const field of ['tlsCaCert', 'certificate'] as const) {
      if (!isFile(fabric[field])) problems.push(`fabric › ${field}: no such file ${fabric[field]}`);
    }
    const key = keyFile(fabric.privateKey);
    if (typeof key === 'string') fabric.privateKey = key;
    else problems.push(`fabric › privateKey: ${key.problem}`);
    if (problems.length > 0) throw new ConfigError(file, problems);
  }
  return resolved;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function keyFile(path: string): string | { problem: string } {
  try {
    const stat = statSync(path);
    if (stat.isFile()) return path;
    const files = readdirSync(path).filter((f) => isFile(join(path, f)));
    if (files.length === 1 && files[0] !== undefined) return join(path, files[0]);
    return { problem: `folder ${path} must hold exactly one key file, found ${files.length}` };
  } catch {
    return { problem: `no such file or folder ${path}` };
  }
}
