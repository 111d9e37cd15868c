import type { RecordedEvent } from './api';

/**
 * Builds rrweb events by hand, in the serialized-node format of rrweb-snapshot 2.x (as in
 * ../shared/fixtures/recordings): Document 0, DocumentType 1, Element 2, Text 3, ids from 1.
 */

export type SerializedNode =
  | { type: 0; childNodes: SerializedNode[]; id: number }
  | { type: 1; name: string; publicId: string; systemId: string; id: number }
  | { type: 2; tagName: string; attributes: Record<string, string>; childNodes: SerializedNode[]; id: number }
  | { type: 3; textContent: string; id: number };

type Draft =
  | { kind: 'element'; tagName: string; attributes: Record<string, string>; children: Draft[] }
  | { kind: 'text'; text: string };

export const element = (tagName: string, attributes: Record<string, string> = {}, ...children: (Draft | string)[]): Draft => ({
  kind: 'element',
  tagName,
  attributes,
  children: children.map((child) => (typeof child === 'string' ? { kind: 'text', text: child } : child)),
});

/** A document with `<!DOCTYPE html>` and the given `<html>` element, numbered depth first. */
export function serializeDocument(html: Draft): SerializedNode {
  let nextId = 1;
  const build = (draft: Draft): SerializedNode => {
    const id = ++nextId;
    if (draft.kind === 'text') return { type: 3, textContent: draft.text, id };
    return { type: 2, tagName: draft.tagName, attributes: draft.attributes, childNodes: draft.children.map(build), id };
  };
  const doctype: SerializedNode = { type: 1, name: 'html', publicId: '', systemId: '', id: ++nextId };
  return { type: 0, childNodes: [doctype, build(html)], id: 1 };
}

/** Meta, FullSnapshot, then a few mouse moves so the session spans a couple of seconds. */
export function pageRecording(href: string, document: SerializedNode, startMs: number): RecordedEvent[] {
  const moves = [500, 1_000, 2_000].map((offset, index) => ({
    type: 3,
    timestamp: startMs + offset,
    data: { source: 1, positions: [{ x: 20 + index * 40, y: 30 + index * 20, id: 1, timeOffset: 0 }] },
  }));
  return [
    { type: 4, timestamp: startMs, data: { href, width: 1024, height: 640 } },
    { type: 2, timestamp: startMs, data: { node: document, initialOffset: { top: 0, left: 0 } } },
    ...moves,
  ];
}
