import { Fields, parseId, parseIntegerArg, parseJsonArray, parseJsonObject } from './fields';
import { parsePageArgs } from './paging';

describe('argument validation', () => {
  it('parses JSON arguments and refuses the wrong shape', () => {
    expect(parseJsonObject('{"a":1}', 'x')).toEqual({ a: 1 });
    expect(() => parseJsonObject('[1]', 'deviceJson')).toThrow('INVALID_ARGUMENT: deviceJson must be a JSON object');
    expect(() => parseJsonObject('{', 'deviceJson')).toThrow('INVALID_ARGUMENT: deviceJson must be valid JSON');
    expect(() => parseJsonArray('{}', 'recordsJson')).toThrow('INVALID_ARGUMENT: recordsJson must be a JSON array');
  });

  it('names the property of a refused value and refuses unknown properties', () => {
    const f = new Fields({ id: 'a b', n: -1, x: 1.5, s: 'ok' }, 'records[2]', ['id', 'n', 'x', 's']);
    expect(() => f.id('id')).toThrow('INVALID_ARGUMENT: records[2].id must be 1 to 64 characters');
    expect(() => f.integer('n')).toThrow('INVALID_ARGUMENT: records[2].n must not be negative');
    expect(() => f.integer('x')).toThrow('INVALID_ARGUMENT: records[2].x must be an integer');
    expect(() => f.string('missing')).toThrow('INVALID_ARGUMENT: records[2].missing must be a string');
    expect(f.string('s')).toBe('ok');
    expect(f.optionalNumber('missing')).toBeUndefined();
    expect(() => new Fields({ idd: 1 }, 'deviceJson', ['id'])).toThrow(
      'INVALID_ARGUMENT: deviceJson.idd is not a known property',
    );
  });

  it('validates ids, integer arguments and paging', () => {
    expect(parseId('sme-1.A_b', 'id')).toBe('sme-1.A_b');
    expect(() => parseId('x'.repeat(65), 'id')).toThrow('INVALID_ARGUMENT');
    expect(parseIntegerArg('365', 'windowDays', 1, 1000)).toBe(365);
    expect(() => parseIntegerArg('3.5', 'windowDays', 1, 1000)).toThrow(
      'INVALID_ARGUMENT: windowDays must be an integer',
    );
    expect(parsePageArgs('', '')).toEqual({ pageSize: 100, bookmark: '' });
    expect(parsePageArgs('1000', 'b')).toEqual({ pageSize: 1000, bookmark: 'b' });
    expect(() => parsePageArgs('0', '')).toThrow('INVALID_ARGUMENT: pageSize must be between 1 and 1000');
    expect(() => parsePageArgs('1001', '')).toThrow('INVALID_ARGUMENT: pageSize must be between 1 and 1000');
  });
});
