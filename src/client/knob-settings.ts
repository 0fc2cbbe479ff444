// No imports: retry.ts and errors.ts use this, and options.ts (which imports retry.ts) re-exports it.

/**
 * Where a user sets each knob: its `okta:` stack-config key and environment variable, as `src/config.ts`
 * reads them (its table takes the variable names from here; a test checks the keys). Error hints name
 * these, not the option names, because users never write the options. Timeouts are set in seconds.
 */
export const KNOB_SETTINGS = {
  maxRetries: { key: "maxRetries", env: "OKTA_MAX_RETRIES" },
  perAttemptTimeoutMs: { key: "requestTimeoutSeconds", env: "OKTA_REQUEST_TIMEOUT" },
  operationTimeoutMs: { key: "operationTimeoutSeconds", env: "OKTA_OPERATION_TIMEOUT" },
  maxRateLimitWaitMs: { key: "maxRateLimitWaitSeconds", env: "OKTA_MAX_RATE_LIMIT_WAIT" },
  maxApiCapacityPercent: { key: "maxApiCapacity", env: "OKTA_MAX_API_CAPACITY" },
} as const;

/** "okta:key / ENV_VAR", for messages. */
export function knobSetting(option: keyof typeof KNOB_SETTINGS): string {
  const { key, env } = KNOB_SETTINGS[option];
  return `okta:${key} / ${env}`;
}
