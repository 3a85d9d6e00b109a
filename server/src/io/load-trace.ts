import * as fs from 'node:fs';

/**
 * With `OSPO_GUIDE_TRACE_LOADS=1`, says on stderr when a part loaded on first use is loaded (an ecosystem's
 * parsers and resolvers, the license-text index): what a run needed, for tests and for a start that is slow.
 */
export function traceLoad(part: string): void {
  if (process.env.OSPO_GUIDE_TRACE_LOADS === '1') fs.writeSync(2, `ospo-guide: loaded ${part}\n`);
}
