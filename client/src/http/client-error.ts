import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { httpStatusByCode } from './error-status';

/**
 * Answers a request Node's HTTP parser refused before Express saw it (malformed request line or
 * headers, conflicting lengths, headers over the size limit) with the API's JSON error shape
 * instead of Node's empty 400. Sockets already reset or mid-response are just closed.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  const responding = (socket as Duplex & { _httpMessage?: unknown })._httpMessage !== undefined;
  if (err.code === 'ECONNRESET' || !socket.writable || responding) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const code = tooLarge ? 'HEADERS_TOO_LARGE' : 'INVALID_ARGUMENT';
  const status = httpStatusByCode[code];
  const message = tooLarge
    ? 'the request headers are larger than this API accepts'
    : 'the request is not valid HTTP/1.1 (request line, headers or body framing)';
  const body = JSON.stringify({ error: { code, message, details: {} } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
}
