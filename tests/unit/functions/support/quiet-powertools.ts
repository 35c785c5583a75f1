/**
 * Imported first by handler tests: Powertools reads its settings when the shared instances are built (at import),
 * so logs and metrics are silenced before functions/lib/powertools loads. Jest gives every test file its own
 * process.env, so this leaks into no other file.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

export {};
