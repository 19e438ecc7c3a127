// Setup file of every test file: its own temp HOME (so a test file never sees another's
// backups, tokens or client configs), and the temp folders it made go when it ends.
import { afterAll } from 'vitest';
import { makeTempDir, removeTempDirs } from './paths.js';

const home = makeTempDir('home');
process.env.HOME = home;
process.env.USERPROFILE = home;

afterAll(() => removeTempDirs());
