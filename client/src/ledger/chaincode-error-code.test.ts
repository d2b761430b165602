import { parseChaincodeRefusal } from './chaincode-error-code';

describe('parseChaincodeRefusal', () => {
  it.each([
    ['chaincode response 500, NOT_FOUND: contract po-1 does not exist', 'NOT_FOUND', 'contract po-1 does not exist'],
    [
      '2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, CONSENT_REQUIRED: bank-1 holds no live consent',
      'CONSENT_REQUIRED',
      'bank-1 holds no live consent',
    ],
    [
      'INVALID_ARGUMENT: periodEnd must be after periodStart',
      'INVALID_ARGUMENT',
      'periodEnd must be after periodStart',
    ],
    [
      'ALREADY_FINANCED: receivable inv-1 is financed by bank-1',
      'ALREADY_FINANCED',
      'receivable inv-1 is financed by bank-1',
    ],
  ])('finds the code in %s', (message, code, sentence) => {
    expect(parseChaincodeRefusal(message)).toEqual({ code, message: `${code}: ${sentence}` });
  });

  it.each([
    '10 ABORTED: failed to endorse transaction, see attached details for more info',
    '14 UNAVAILABLE: No connection established',
    'chaincode response 500, TypeError: cannot read properties of undefined',
    'SOME_OTHER_CODE: not from the chaincode',
  ])('finds no refusal in %s', (message) => {
    expect(parseChaincodeRefusal(message)).toBeUndefined();
  });
});
