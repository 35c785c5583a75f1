import { childElements, childText, escapeXml, parseXmlBody, text } from '../../../../local/emulators/s3/xml';

describe('Function: parseXmlBody()', () => {
  it('reads repeated elements as arrays even when there is one', () => {
    // Act
    const document = parseXmlBody(
      Buffer.from('<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><PartNumber>1</PartNumber><ETag>"e"</ETag></Part></CompleteMultipartUpload>'),
      'CompleteMultipartUpload',
    );

    // Assess
    const parts = childElements(document, 'Part');
    expect(parts).toHaveLength(1);
    expect(childText(parts[0], 'ETag')).toBe('"e"');
  });

  it.each([
    ['<Delete><Object><Key>a</Key></Object>', 'MalformedXML'],
    ['<Other/>', 'MalformedXML'],
    ['not xml at all', 'MalformedXML'],
  ])('rejects %j', (body, code) => {
    expect(() => parseXmlBody(Buffer.from(body), 'Delete')).toThrow(expect.objectContaining({ code }));
  });

  it('keeps entity-escaped key text', () => {
    // Act
    const document = parseXmlBody(Buffer.from('<Delete><Object><Key>a&amp;b &lt;c&gt;</Key></Object></Delete>'), 'Delete');

    // Assess
    expect(childText(childElements(document, 'Object')[0], 'Key')).toBe('a&b <c>');
  });
});

describe('Function: escapeXml()', () => {
  it('escapes markup characters and control characters', () => {
    expect(escapeXml('a&b<c>"d\'\u0001')).toBe('a&amp;b&lt;c&gt;&quot;d&apos;&#x1;');
  });

  it('omits an element whose value is undefined', () => {
    expect(text('Delimiter', undefined)).toBe('');
  });
});
