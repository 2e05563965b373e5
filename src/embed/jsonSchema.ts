// /embed/v1/schema.json: the JSON Schema of every embed message, generated from the valibot schemas of
// protocol.ts when the app is built (scripts/embedPlugin.ts), so the published schema cannot drift from the code.
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { CommandSchema, EventSchema, PROTOCOL, ResponseSchema, VERSION } from './protocol.ts';

export function embedJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(v.union([CommandSchema, EventSchema, ResponseSchema]), {
    errorMode: 'throw',
    // A JSON number is finite by definition.
    ignoreActions: ['finite'],
  });
  return {
    ...schema,
    $id: '/embed/v1/schema.json',
    title: `${PROTOCOL} embed API v${VERSION}`,
    description:
      'Every message between a host page and an embedded board: commands (host to board), events and responses ' +
      '(board to host). See docs/embed.md.',
  };
}
