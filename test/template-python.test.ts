import { describeTemplate } from './support/template-matrix.js';

describeTemplate('python', ['uv', 'pip']);
