// Preloaded with --import: writes the process's peak resident memory (kB) to
// $MCPKIT_MAX_RSS_FILE when it exits, however it exits normally.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.MCPKIT_MAX_RSS_FILE) {
    writeFileSync(process.env.MCPKIT_MAX_RSS_FILE, String(process.resourceUsage().maxRSS));
  }
});
