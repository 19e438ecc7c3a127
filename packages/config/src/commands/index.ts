// Everything a command needs once it runs; cli.ts imports this lazily.
export { runAdd } from './add.js';
export { runBackupList, runRestore } from './backup.js';
export { runCommand } from './context.js';
export { runGet, runList } from './list.js';
export { runPath } from './path.js';
export { runRemove } from './remove.js';
