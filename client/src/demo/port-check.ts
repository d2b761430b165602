import * as net from 'node:net';

/** True when nothing listens on 127.0.0.1:`port`. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/** Throws naming every port of the list that is taken, with the variable that moves it. */
export async function checkPortsFree(ports: readonly (readonly [number, string])[]): Promise<void> {
  const taken: string[] = [];
  for (const [port, variable] of ports) {
    if (!(await portFree(port))) taken.push(`${port} (${variable})`);
  }
  if (taken.length > 0) {
    throw new Error(`port(s) already taken on 127.0.0.1: ${taken.join(', ')}; set the variable(s) to move the demo`);
  }
}
