/**
 * Text the database cannot hold is refused at the door: a NUL character (PostgreSQL text and jsonb reject
 * it) or half of a UTF-16 surrogate pair (jsonb rejects the escape, e.g. in the audit trail). Without this
 * such a character anywhere in a body, query or path answered 500 from whichever insert met it first.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/** A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Nesting beyond this is not walked further (the body limit bounds it; the schemas refuse such shapes). */
const MAX_DEPTH = 64;

/** The dotted path of the first string (or object key) holding an unstorable character, or null. */
export function findUnstorableText(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return null;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return itemPath;
    const found = findUnstorableText(item, itemPath, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function check(request: FastifyRequest): void {
  for (const [context, part] of [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ] as const) {
    const field = findUnstorableText(part);
    if (field === null) continue;
    const name = field || context;
    throw new AppError(
      'validation',
      'TEXT_INVALID_CHARACTER',
      `Isian "${name}" berisi karakter yang tidak dapat disimpan (karakter NUL atau simbol yang rusak). Hapus karakter itu lalu kirim lagi.`,
      name,
    );
  }
}

async function wellFormedText(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => {
    if (request.url.startsWith('/api/')) check(request);
  });
}

export default fp(wellFormedText, { name: 'jaring-well-formed-text' });
