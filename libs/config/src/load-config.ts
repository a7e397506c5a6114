import { z } from 'zod';

/** A configuration problem: every message names the environment variable at fault. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates environment variables against a zod shape whose keys are the variable names. */
export function loadConfig<T extends z.ZodRawShape>(
  shape: T,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<T>> {
  const values: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    // An empty variable counts as unset, as in most shells' `VAR= cmd`.
    values[key] = env[key] === '' ? undefined : env[key];
  }
  const result = z.object(shape).safeParse(values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const given = values[String(issue.path[0])];
    return `${variable}: ${issue.message}${given === undefined ? '' : ` (got "${given}")`}`;
  });
  throw new ConfigError(problems);
}

/** For a process entry point: a bad value stops the process with a message naming the variable. */
export function loadConfigOrExit<T extends z.ZodRawShape>(
  shape: T,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<T>> {
  try {
    return loadConfig(shape, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
