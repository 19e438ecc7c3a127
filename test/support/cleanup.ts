// Setup file of every end-to-end test file: the temp folders it made go when it ends.
import { afterAll } from 'vitest';
import { removeTempDirs } from './paths.js';

afterAll(() => removeTempDirs());
