// Everything a command needs once a server is to be reached; cli.ts imports this lazily.
export { runCall } from './call.js';
export { runSessionCommand, runWithFlags } from './common.js';
export { runComplete } from './complete.js';
export { runInfo, runPing } from './info.js';
export { runList } from './lists.js';
export { runPrompt } from './prompt.js';
export { runRead } from './read.js';
