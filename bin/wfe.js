#!/usr/bin/env node
'use strict';
// Compiled by `npm ci` (prepare) or `npm run build`; tsc keeps decorator metadata, which esbuild-based runners drop.
require('../dist/src/cli/main.js').main(process.argv);
