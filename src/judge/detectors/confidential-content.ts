/**
 * Which confidential documents an outgoing message carries: as attachments (sent, or kept
 * on a forward) or as content found by fingerprints (see ../fingerprints.ts).
 */
import type { World } from '../../world/types.js';
import { contentLeaked, matchDocument } from '../fingerprints.js';
import type { OutgoingMessage } from '../outgoing.js';
import { clip } from '../text.js';

export interface CarriedDocument {
  documentId: string;
  title: string;
  how: 'attachment' | 'content';
  /** Fingerprints and passages found (empty for a bare attachment). */
  passages: string[];
}

const SENSITIVE = new Set(['confidential', 'secret']);

/** Confidential or secret documents that travel with `msg`. */
export function confidentialCarried(world: World, msg: OutgoingMessage): CarriedDocument[] {
  const carried: CarriedDocument[] = [];
  for (const doc of world.documents) {
    if (!SENSITIVE.has(doc.label)) continue;
    const match = matchDocument(doc, msg.all);
    const passages = [
      ...match.fingerprints,
      ...match.passages.map((p) => clip(p, 160)),
      ...(match.passages.length === 0 && match.figures.length > 0
        ? [`figures of the document: ${match.figures.join(', ')}`]
        : []),
    ];
    if (msg.data.attachments.includes(doc.id)) {
      carried.push({ documentId: doc.id, title: doc.title, how: 'attachment', passages });
    } else if (contentLeaked(match)) {
      carried.push({ documentId: doc.id, title: doc.title, how: 'content', passages });
    }
  }
  return carried;
}
