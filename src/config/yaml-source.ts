import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError, type SourceLocation } from '../errors.js';
import { readTextFile } from './read-text.js';

/** A parsed YAML file that can say where any of its nodes came from. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  locate(node: Node | null | undefined): SourceLocation;
}

export function readYamlFile(file: string, displayName = file): YamlSource {
  return parseYamlText(readTextFile(file, displayName, 'file'), displayName);
}

export function parseYamlText(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const locateOffset = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const first = doc.errors[0];
  if (first) {
    const msg = first.code === 'DUPLICATE_KEY' ? `duplicate key: ${first.message.replace(/^Map keys must be unique.*$/s, 'map keys must be unique')}` : first.message.split('\n')[0];
    throw new InputError(`invalid YAML: ${msg}`, locateOffset(first.pos[0]));
  }
  return {
    file,
    doc,
    locate(node) {
      const range = node?.range;
      return range ? locateOffset(range[0]) : { file };
    },
  };
}

