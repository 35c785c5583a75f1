import { StatesErrorNames } from '../../../../local/asl/errors';
import { evaluateIntrinsic } from '../../../../local/asl/jsonpath';
import { expectStatesError, scopeOf } from './helpers';

const failure = (expression: string, input: unknown = {}): string =>
  expectStatesError(() => evaluateIntrinsic(expression, scopeOf(input)), StatesErrorNames.IntrinsicFailure).cause;

describe('Function: evaluateIntrinsic() — encoding and hash intrinsics', () => {
  describe('States.Base64Encode', () => {
    it('returns the developer guide example', () => {
      expect(evaluateIntrinsic('States.Base64Encode($.input)', scopeOf({ input: 'Data to encode' }))).toBe('RGF0YSB0byBlbmNvZGU=');
    });

    it('encodes the UTF-8 bytes of the string', () => {
      expect(evaluateIntrinsic('States.Base64Encode($.s)', scopeOf({ s: 'héllo ✓' }))).toBe('aMOpbGxvIOKckw==');
    });

    it('accepts 10,000 characters and fails for 10,001', () => {
      // Prepare
      const scope = { ok: 'a'.repeat(10_000), tooLong: 'a'.repeat(10_001) };

      // Act & Assess
      expect(evaluateIntrinsic('States.Base64Encode($.ok)', scopeOf(scope))).toHaveLength(13_336);
      expect(failure('States.Base64Encode($.tooLong)', scope)).toBe(
        'Invalid arguments in States.Base64Encode: the first argument (data) has 10001 characters; at most 10000 are allowed',
      );
    });

    it('fails for a number', () => {
      expect(failure('States.Base64Encode(12)')).toContain('the first argument (data) must be a string, but it is an integer');
    });
  });

  describe('States.Base64Decode', () => {
    it('decodes the developer guide example back to its data', () => {
      // The guide prints "Decoded data" as the result, but its input encodes "Data to encode".
      expect(evaluateIntrinsic('States.Base64Decode($.base64)', scopeOf({ base64: 'RGF0YSB0byBlbmNvZGU=' }))).toBe('Data to encode');
    });

    it.each([
      ['UTF-8 text', 'aMOpbGxvIOKckw==', 'héllo ✓'],
      ['text without padding', 'aGk', 'hi'],
      ['MIME line breaks', 'RGF0YSB0\r\nbyBlbmNvZGU=', 'Data to encode'],
      ['an empty string', '', ''],
    ])('decodes %s', (_, encoded, expected) => {
      expect(evaluateIntrinsic('States.Base64Decode($.e)', scopeOf({ e: encoded }))).toBe(expected);
    });

    it.each([
      ['characters outside the alphabet', 'RGF0YS*0', 'is not valid Base64'],
      ['a lone trailing character', 'RGF0Y', 'is not valid Base64'],
      ['bytes that are not UTF-8', '/w==', 'the decoded bytes are not a UTF-8 string'],
    ])('fails for %s', (_, encoded, expected) => {
      expect(failure('States.Base64Decode($.e)', { e: encoded })).toContain(expected);
    });

    it('fails for more than 10,000 characters', () => {
      expect(failure('States.Base64Decode($.e)', { e: 'A'.repeat(10_004) })).toContain('has 10004 characters; at most 10000 are allowed');
    });
  });

  describe('States.Hash', () => {
    it.each([
      ['MD5', '812f45842bc6d66ee14572ce20db8e86'],
      // The developer guide example (SHA-1 of "input data").
      ['SHA-1', 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
      ['SHA-256', 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'],
      ['SHA-384', 'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562'],
      [
        'SHA-512',
        '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4',
      ],
    ])('returns the %s hex digest of the data', (algorithm, expected) => {
      expect(evaluateIntrinsic('States.Hash($.Data, $.Algorithm)', scopeOf({ Data: 'input data', Algorithm: algorithm }))).toBe(expected);
    });

    it.each([
      ["States.Hash('x', 'SHA-999')", "the second argument (algorithm) must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but it is 'SHA-999'"],
      ["States.Hash('x', 'sha-1')", "but it is 'sha-1'"],
      ["States.Hash('x', 'toString')", "but it is 'toString'"],
      ["States.Hash($.o, 'MD5')", 'the first argument (data) must be a string, but it is an object'],
      ["States.Hash($.long, 'MD5')", 'the first argument (data) has 10001 characters; at most 10000 are allowed'],
    ])('fails %s', (expression, expected) => {
      expect(failure(expression, { o: {}, long: 'x'.repeat(10_001) })).toContain(expected);
    });
  });
});
