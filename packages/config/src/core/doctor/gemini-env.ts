// What Gemini CLI does to the environment of the stdio servers it starts (its bundle, 0.61:
// `sanitizeEnvironment` with enableEnvironmentVariableRedaction forced on for MCP servers,
// then the entry's env without BLOCKED_EXECUTION_ENVS).

// Gemini CLI 0.61 (bundle, `shouldRedactEnvironmentVariable`): names always kept, names and
// name patterns always removed, and values that look like secrets.
const GEMINI_ALWAYS_ALLOWED = new Set(
  'PATH SYSTEMROOT COMSPEC PATHEXT WINDIR TEMP TMP USERPROFILE SYSTEMDRIVE HOME LANG SHELL TMPDIR USER LOGNAME TERM COLORTERM'.split(
    ' ',
  ),
);
const GEMINI_NEVER_ALLOWED = new Set(
  'CLIENT_ID DB_URI CONNECTION_STRING AWS_DEFAULT_REGION AZURE_CLIENT_ID AZURE_TENANT_ID SLACK_WEBHOOK_URL TWILIO_ACCOUNT_SID DATABASE_URL GOOGLE_CLOUD_PROJECT GOOGLE_CLOUD_ACCOUNT FIREBASE_PROJECT_ID'.split(
    ' ',
  ),
);
const GEMINI_SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|KEY|AUTH|CREDENTIAL|CREDS|PRIVATE|CERT/i;
const GEMINI_SECRET_VALUE = [
  /-----BEGIN (RSA|OPENSSH|EC|PGP) PRIVATE KEY-----/i,
  /-----BEGIN CERTIFICATE-----/i,
  /(https?|ftp|smtp):\/\/[^:\s]{1,1024}:[^@\s]{1,1024}@/i,
  /(ghp|gho|ghu|ghs|ghr|github_pat)_[a-zA-Z0-9_]{36,}/i,
  /AIzaSy[a-zA-Z0-9_\\-]{33}/i,
  /AKIA[A-Z0-9]{16}/i,
  /eyJ[a-zA-Z0-9_-]{0,10240}\.[a-zA-Z0-9_-]{0,10240}\.[a-zA-Z0-9_-]{0,10240}/i,
  /(s|r)k_(live|test)_[0-9a-zA-Z]{24}/i,
  /xox[abpr]-[a-zA-Z0-9-]+/i,
];

/** Whether Gemini CLI removes this variable of its own environment before starting a server. */
export function geminiRedacts(name: string, value: string): boolean {
  const key = name.toUpperCase();
  if (key.startsWith('GEMINI_CLI_')) return false;
  if (GEMINI_SECRET_VALUE.some((pattern) => pattern.test(value))) return true;
  if (key.startsWith('GIT_CONFIG_') || GEMINI_ALWAYS_ALLOWED.has(key)) return false;
  if (GEMINI_NEVER_ALLOWED.has(key)) return true;
  return GEMINI_SECRET_NAME.test(key);
}

/** Variables Gemini CLI refuses in an entry's `env` (its BLOCKED_EXECUTION_ENVS). */
export const GEMINI_BLOCKED_ENV: ReadonlySet<string> = new Set(
  'NODE_OPTIONS NODE_CLI_FLAGS _FORCE_NODE_OPTIONS NODE_PATH ELECTRON_RUN_AS_NODE PYTHONPATH PYTHONSTARTUP RUBYOPT RUBYLIB PERL5OPT PERL5LIB LD_PRELOAD LD_AUDIT LD_DEBUG LD_PROFILE LD_LIBRARY_PATH DYLD_INSERT_LIBRARIES DYLD_FORCE_FLAT_NAMESPACE DYLD_LIBRARY_PATH DYLD_FRAMEWORK_PATH DYLD_FALLBACK_LIBRARY_PATH DYLD_FALLBACK_FRAMEWORK_PATH BASH_ENV ENV PERL5DB JAVA_TOOL_OPTIONS _JAVA_OPTIONS CLASSPATH DOTNET_STARTUP_HOOKS CORECLR_PROFILER_PATH CORECLR_ENABLE_PROFILING'.split(
    ' ',
  ),
);
