import { describeTemplate } from './support/template-matrix.js';

describeTemplate('typescript', ['npm', 'pnpm']);
