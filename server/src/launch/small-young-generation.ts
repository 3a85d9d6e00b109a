import v8 = require('node:v8');

/**
 * Keeps V8's young generation at its first size for the rest of the process. V8 doubles it under a steady
 * stream of allocations, up to 32 MB of memory per thread kept to the end; the CLI's garbage (a file's text,
 * a bundle's start-up) dies young, so the larger nursery buys nothing. The flag is process-wide and is read
 * each time a nursery would grow; a worker thread's start puts V8's flags back as the process began, so each
 * audit worker sets it again. A V8 without the flag says so on stderr and runs as before.
 */
export function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
