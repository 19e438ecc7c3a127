import { describeTemplate } from './support/template-matrix.js';

describeTemplate('fastmcp', ['uv', 'pip']);
