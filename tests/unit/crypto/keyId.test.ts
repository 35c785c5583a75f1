import { formatLocalKeyId, InvalidCustomerIdError, InvalidKeyIdError, kmsAliasName, parseKeyId } from '../../../functions/lib/crypto';

describe('Function: parseKeyId()', () => {
  it.each([
    ['local:acme:1', { kind: 'local', customerId: 'acme', version: 1 }],
    ['local:ACME_01-x:12', { kind: 'local', customerId: 'ACME_01-x', version: 12 }],
    [
      'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      { kind: 'kms', partition: 'aws', region: 'eu-west-1', accountId: '111122223333', resourceId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
    ],
    ['arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab', { kind: 'kms', partition: 'aws-cn', region: 'cn-north-1' }],
  ])('parses %s', (keyId, expected) => {
    expect(parseKeyId(keyId)).toMatchObject({ ...expected, keyId });
  });

  it.each([
    ['', 'non-empty string'],
    ['local:acme', "form 'local:<customerId>:<version>'"],
    ['local:acme:1:2', "form 'local:<customerId>:<version>'"],
    ['local:acme:0', "version '0' is not a positive integer"],
    ['local:acme:v1', "version 'v1' is not a positive integer"],
    ['local:../x:1', 'Invalid customer id'],
    ['alias/upgrade-impact/customer/acme', 'an alias cannot decrypt'],
    ['arn:aws:kms:eu-west-1:111122223333:alias/x', 'an alias cannot decrypt'],
    ['arn:aws:kms:eu-west-1:1111:key/abc', 'expected'],
    ['arn:aws:s3:::bucket', 'expected'],
  ])('refuses %j saying why', (keyId, reason) => {
    expect(() => parseKeyId(keyId)).toThrow(InvalidKeyIdError);
    expect(() => parseKeyId(keyId)).toThrow(reason);
  });
});

describe('Function: formatLocalKeyId()', () => {
  it('formats and round-trips through parseKeyId', () => {
    expect(parseKeyId(formatLocalKeyId('acme', 3))).toMatchObject({ kind: 'local', customerId: 'acme', version: 3 });
  });

  it.each([0, -1, 1.5])('refuses version %s', (version) => {
    expect(() => formatLocalKeyId('acme', version)).toThrow(InvalidKeyIdError);
  });
});

describe('Function: kmsAliasName()', () => {
  it('names the customer key alias of the app', () => {
    expect(kmsAliasName('acme')).toBe('alias/upgrade-impact/customer/acme');
    expect(kmsAliasName('acme', 'other-app')).toBe('alias/other-app/customer/acme');
  });

  it('refuses a customer id that is not a valid alias segment', () => {
    expect(() => kmsAliasName('a.b')).toThrow(InvalidCustomerIdError);
  });
});
