#!/usr/bin/env node
// Committed entry point: npm links bins at install time, before the build creates dist/.
import '../dist/bin.js';
