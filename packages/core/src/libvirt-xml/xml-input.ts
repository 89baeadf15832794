// Turns libvirt XML text into an element tree, reporting bad input as a one-line input error.

import { ERROR_CODES, UsageError } from '../errors.js';
import { parseXml, XmlSyntaxError, type XmlElement } from './xml-tree.js';

/** Where a piece of XML came from and what should have produced it, for error messages. */
export interface XmlOrigin {
  /** e.g. "network XML" or "virsh net-dumpxml default". */
  label: string;
  /** The command whose output is expected, e.g. "virsh net-dumpxml NAME". */
  producer: string;
}

/** An input error about `origin`, ending with the command that produces good input. */
export function xmlInputError(origin: XmlOrigin, problem: string): UsageError {
  return new UsageError(`${origin.label}: ${problem}; pass the output of ${origin.producer}`, ERROR_CODES.INPUT);
}

/** Parses `xml` and checks that its root element is `<rootName>`. */
export function readXmlRoot(xml: string, rootName: string, origin: XmlOrigin): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw xmlInputError(origin, `malformed XML (${err.message})`);
    throw err;
  }
  if (root.name !== rootName) throw xmlInputError(origin, `root element is <${root.name}>, not <${rootName}>`);
  return root;
}

/** The trimmed text of the child `<name>`, or an input error when it is missing or empty. */
export function requiredName(root: XmlElement, origin: XmlOrigin): string {
  const name = root.children.find((child) => child.name === 'name')?.text.trim() ?? '';
  if (name === '') throw xmlInputError(origin, `<${root.name}> has no <name>`);
  return name;
}
