import { DataType, Order, registerCount } from './data-type';

/** How a value is laid out in registers. Byte and word order matter only for the types that need them. */
export type RegisterLayout = Readonly<{
  type: DataType;
  byteOrder: Order;
  wordOrder: Order;
  /** For bool read from a 16-bit register: the bit (0 = least significant) that holds the value. */
  bit?: number;
}>;

/** Decodes the raw (unscaled) value of 16-bit registers as read from the wire. */
export function decodeRegisters(words: readonly number[], layout: RegisterLayout): number {
  const count = registerCount(layout.type);
  if (words.length !== count) {
    throw new RangeError(`${layout.type} needs ${count} registers, got ${words.length}`);
  }
  if (layout.type === 'bool') {
    const word = checkWord(words[0]);
    return layout.bit === undefined ? (word === 0 ? 0 : 1) : (word >> layout.bit) & 1;
  }
  const buffer = toBuffer(words, layout);
  switch (layout.type) {
    case 'int16':
      return buffer.readInt16BE(0);
    case 'uint16':
      return buffer.readUInt16BE(0);
    case 'int32':
      return buffer.readInt32BE(0);
    case 'uint32':
      return buffer.readUInt32BE(0);
    case 'float32':
      return buffer.readFloatBE(0);
    case 'float64':
      return buffer.readDoubleBE(0);
  }
}

/** Encodes a raw value into 16-bit registers, the inverse of {@link decodeRegisters}. */
export function encodeRegisters(value: number, layout: RegisterLayout): number[] {
  const buffer = Buffer.alloc(registerCount(layout.type) * 2);
  switch (layout.type) {
    case 'bool':
      buffer.writeUInt16BE(value === 0 ? 0 : layout.bit === undefined ? 1 : 1 << layout.bit, 0);
      return [buffer.readUInt16BE(0)];
    case 'int16':
      buffer.writeInt16BE(value, 0);
      break;
    case 'uint16':
      buffer.writeUInt16BE(value, 0);
      break;
    case 'int32':
      buffer.writeInt32BE(value, 0);
      break;
    case 'uint32':
      buffer.writeUInt32BE(value, 0);
      break;
    case 'float32':
      buffer.writeFloatBE(value, 0);
      break;
    case 'float64':
      buffer.writeDoubleBE(value, 0);
      break;
  }
  return fromBuffer(buffer, layout);
}

function checkWord(word: number | undefined): number {
  if (word === undefined || !Number.isInteger(word) || word < 0 || word > 0xffff) {
    throw new RangeError(`register value ${String(word)} is not a 16-bit word`);
  }
  return word;
}

function toBuffer(words: readonly number[], layout: RegisterLayout): Buffer {
  const ordered = layout.wordOrder === 'big' ? words : [...words].reverse();
  const buffer = Buffer.alloc(ordered.length * 2);
  ordered.forEach((word, i) => {
    const checked = checkWord(word);
    const swapped = layout.byteOrder === 'big' ? checked : ((checked & 0xff) << 8) | (checked >> 8);
    buffer.writeUInt16BE(swapped, i * 2);
  });
  return buffer;
}

function fromBuffer(buffer: Buffer, layout: RegisterLayout): number[] {
  const words: number[] = [];
  for (let i = 0; i < buffer.length; i += 2) {
    const word = buffer.readUInt16BE(i);
    words.push(layout.byteOrder === 'big' ? word : ((word & 0xff) << 8) | (word >> 8));
  }
  return layout.wordOrder === 'big' ? words : words.reverse();
}

/** Engineering value from a raw value: `raw * scale + offset`. */
export function scaleValue(raw: number, scale: number, offset: number): number {
  return raw * scale + offset;
}

/** Raw value that yields an engineering value, the inverse of {@link scaleValue}; integers are rounded. */
export function unscaleValue(value: number, scale: number, offset: number, type: DataType): number {
  const raw = (value - offset) / scale;
  return type === 'float32' || type === 'float64' ? raw : Math.round(raw);
}
