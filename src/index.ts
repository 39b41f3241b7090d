/** The onrecord library: extraction, ingestion and the knowledge base. */
export * from './types.js';
export { ErrorCodes, OnrecordError, type ErrorCode } from './errors.js';
export { extract, run, stages } from './extract/pipeline.js';
export { createDoc, report } from './extract/document.js';
