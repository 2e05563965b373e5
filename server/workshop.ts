// A workshop's identity and secrets, kept in <data>/workshop.json so a restart keeps the join link and the
// instructor URL: the workshop id (its topic root), the attendees' join code and the instructor token.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { isId } from '../src/fleet/protocol';

const WorkshopSchema = v.object({
  id: v.pipe(v.string(), v.check(isId, 'an id')),
  code: v.pipe(v.string(), v.minLength(6)),
  instructorToken: v.pipe(v.string(), v.minLength(32)),
});
export type Workshop = v.InferOutput<typeof WorkshopSchema>;

export const WORKSHOP_FILE = 'workshop.json';

/** A join code people can read out: 8 characters without look-alikes (0/O, 1/I/L). */
function joinCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}

export function loadOrCreateWorkshop(dataDir: string): Workshop {
  const file = join(dataDir, WORKSHOP_FILE);
  if (existsSync(file)) {
    const r = v.safeParse(WorkshopSchema, JSON.parse(readFileSync(file, 'utf8')));
    if (!r.success) throw new Error(`${file}: ${r.issues[0].message}`);
    return r.output;
  }
  const workshop: Workshop = {
    id: `w${randomBytes(4).toString('hex')}`,
    code: joinCode(),
    instructorToken: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(workshop, null, 2) + '\n', { mode: 0o600 });
  return workshop;
}
