/**
 * XML in and out of the S3 REST API: building response documents (namespace
 * `http://s3.amazonaws.com/doc/2006-03-01/`) and parsing the few request bodies S3 takes as XML
 * (CompleteMultipartUpload, Delete, CreateBucketConfiguration, VersioningConfiguration).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3ApiError } from './errors';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** XML 1.0 cannot carry most control characters even as references; S3 keys may hold them, so they become `&#xN;` like S3 writes them. */
const escapeXml = (value: string): string =>
  value.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#x${c.charCodeAt(0).toString(16)};`;
    }
  });

/** `<name>escaped text</name>`, or nothing when `value` is undefined. */
const text = (name: string, value: string | number | boolean | undefined): string =>
  value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;

/** `<name>…children…</name>` from already-built child elements. */
const node = (name: string, children: readonly string[]): string => `<${name}>${children.join('')}</${name}>`;

/**
 * A complete S3 response document.
 *
 * @example
 * xmlDocument('InitiateMultipartUploadResult', [text('Bucket', 'b'), text('Key', 'k'), text('UploadId', id)]);
 */
const xmlDocument = (root: string, children: readonly string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${children.join('')}</${root}>`;

/** Elements that S3 allows to repeat, so they always parse as arrays even when only one is present. */
const REPEATED_ELEMENTS: ReadonlySet<string> = new Set(['Part', 'Object']);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED_ELEMENTS.has(name),
});

/** A parsed element: text content or nested elements. */
type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

/**
 * Parses a request body that must be an XML document whose root element is `root`; anything else is the
 * MalformedXML error S3 answers.
 *
 * @example
 * const complete = parseXmlBody(body, 'CompleteMultipartUpload');
 */
const parseXmlBody = (body: Buffer, root: string): Record<string, XmlNode | XmlNode[]> => {
  const source = body.toString('utf8');
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    throw new S3ApiError('MalformedXML', {}, `The XML you provided was not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const parsed = parser.parse(source) as Record<string, unknown>;
  const top = parsed[root];
  if (top === undefined) {
    throw new S3ApiError('MalformedXML', {}, `The XML you provided was not well-formed or did not validate against our published schema: expected root element <${root}>`);
  }
  // An empty element parses as '' — treat it as an element with no children.
  return typeof top === 'object' && top !== null ? (top as Record<string, XmlNode | XmlNode[]>) : {};
};

/** The text of a child element, or undefined. */
const childText = (element: Record<string, XmlNode | XmlNode[]>, name: string): string | undefined => {
  const value = element[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw new S3ApiError('MalformedXML', {}, `The XML you provided did not validate: <${name}> must hold text`);
};

/** The repeated children named `name` (declared in REPEATED_ELEMENTS) as element objects. */
const childElements = (element: Record<string, XmlNode | XmlNode[]>, name: string): Array<Record<string, XmlNode | XmlNode[]>> => {
  const value = element[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === 'string') {
      if (item === '') return {};
      throw new S3ApiError('MalformedXML', {}, `The XML you provided did not validate: <${name}> must hold elements`);
    }
    return item as Record<string, XmlNode | XmlNode[]>;
  });
};

export { childElements, childText, escapeXml, node, parseXmlBody, S3_NAMESPACE, text, xmlDocument };
export type { XmlNode };
