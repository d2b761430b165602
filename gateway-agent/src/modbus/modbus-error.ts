/** Names of the Modbus exception codes a device can answer with. */
export const EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'ILLEGAL_FUNCTION',
  2: 'ILLEGAL_DATA_ADDRESS',
  3: 'ILLEGAL_DATA_VALUE',
  4: 'SERVER_DEVICE_FAILURE',
  5: 'ACKNOWLEDGE',
  6: 'SERVER_DEVICE_BUSY',
  7: 'NEGATIVE_ACKNOWLEDGE',
  8: 'MEMORY_PARITY_ERROR',
  10: 'GATEWAY_PATH_UNAVAILABLE',
  11: 'GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND',
};

/**
 * Why a Modbus request failed:
 * - `TIMEOUT`: no answer within the request's timeout
 * - `CONNECTION`: the port is closed, refused, reset or waiting to reconnect
 * - `EXCEPTION`: the device answered with a Modbus exception (see `exceptionName`)
 * - `PROTOCOL`: a malformed answer (bad CRC or framing, wrong length, transaction id, unit, function code or
 *   byte count); the connection is reopened, as the bytes after it cannot be trusted
 * - `CLOSED`: the agent is shutting the connection down
 */
export type ModbusErrorKind = 'TIMEOUT' | 'CONNECTION' | 'EXCEPTION' | 'PROTOCOL' | 'CLOSED';

/** A failed Modbus request. `code` is the kind, or the exception's name for `EXCEPTION`. */
export class ModbusError extends Error {
  readonly kind: ModbusErrorKind;
  readonly code: string;
  readonly exceptionCode?: number;

  constructor(
    kind: ModbusErrorKind,
    message: string,
    options: Readonly<{ exceptionCode?: number; cause?: unknown }> = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ModbusError';
    this.kind = kind;
    if (options.exceptionCode !== undefined) {
      this.exceptionCode = options.exceptionCode;
      this.code = exceptionName(options.exceptionCode);
    } else {
      this.code = kind;
    }
  }
}

/** The name of a Modbus exception code, for example `ILLEGAL_DATA_ADDRESS` for 2. */
export function exceptionName(code: number): string {
  return EXCEPTION_NAMES[code] ?? `EXCEPTION_${code}`;
}

/** The error of a Modbus exception answer. */
export function exceptionError(code: number, cause?: unknown): ModbusError {
  return new ModbusError('EXCEPTION', `device answered ${exceptionName(code)} (exception ${code})`, {
    exceptionCode: code,
    cause,
  });
}

/** The error of an answer that breaks the protocol; `detail` says how, e.g. `function code 4, expected 3`. */
export function malformedAnswer(detail: string, cause?: unknown): ModbusError {
  return new ModbusError('PROTOCOL', `malformed answer: ${detail}`, { cause });
}

/**
 * What modbus-serial (the RTU client) says about an answer it could not use, as a plain sentence.
 * A byte count that disagrees with the data makes its parser read past the frame (a RangeError).
 */
function describeMalformed(err: unknown, message: string): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof RangeError && (code === 'ERR_OUT_OF_RANGE' || code === 'ERR_BUFFER_OUT_OF_BOUNDS')) {
    return 'its byte count does not match the data it carries';
  }
  if (/^CRC error/i.test(message)) return 'CRC check failed';
  const length = /^Data length error, expected (\d+) got (\d+)/.exec(message);
  if (length) return `${length[2] ?? '?'} bytes, expected ${length[1] ?? '?'}`;
  const unexpected = /^Unexpected data error, expected (address|code) (\d+) got (\d+)/.exec(message);
  if (unexpected) {
    const what = unexpected[1] === 'address' ? 'unit id' : 'function code';
    return `${what} ${unexpected[3] ?? '?'}, expected ${unexpected[2] ?? '?'}`;
  }
  if (/CRC|length/i.test(message)) return message;
  return undefined;
}

/** Turns what a Modbus client rejects with into a {@link ModbusError}. */
export function toModbusError(err: unknown): ModbusError {
  if (err instanceof ModbusError) return err;
  const e = (err ?? {}) as { modbusCode?: unknown; errno?: unknown; code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (typeof e.modbusCode === 'number') return exceptionError(e.modbusCode, err);
  if (e.errno === 'ETIMEDOUT' || message === 'Timed out') {
    return new ModbusError('TIMEOUT', 'no answer within the timeout', { cause: err });
  }
  const malformed = describeMalformed(err, message);
  if (malformed !== undefined) return malformedAnswer(malformed, err);
  const code = typeof e.code === 'string' ? e.code : typeof e.errno === 'string' ? e.errno : undefined;
  return new ModbusError('CONNECTION', code && !message.includes(code) ? `${code}: ${message}` : message, {
    cause: err,
  });
}
