export * from './bidi.js';
export * from './script.js';
