export {
  createScriptSandbox,
  DEFAULT_SCRIPT_LIMITS,
  isJavaScriptFormat,
  type ScriptHost,
  type ScriptIsolation,
  type ScriptLimits,
  type ScriptOutcome,
  type ScriptSandbox,
  type ScriptSandboxOptions,
} from './sandbox.ts';
