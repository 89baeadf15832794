// JSON Schema validation with ajv, loaded only when something is validated (ajv's import and
// compile cost stay out of --help and plain runs).

/** What an ajv validate function reports (compiled here, or precompiled in src/generated). */
export interface AjvError {
  instancePath: string;
  keyword: string;
  params: unknown;
  message?: string;
}

/** One "path: message" line per ajv error. */
export function formatAjvErrors(errors: readonly AjvError[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath || '(top level)';
    const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : '';
    return `${where}: ${e.message ?? 'invalid'}${extra}`;
  });
}

/** Returns a validator giving one "path: message" line per problem. */
export async function validatorFor(schema: object): Promise<(data: unknown) => string[]> {
  const { Ajv } = await import('./ajv-class.js');
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : formatAjvErrors(validate.errors));
}

/** An ajv error with what explains it: the schema object that refused the value, and the value. */
export interface DetailedAjvError extends AjvError {
  schemaPath: string;
  /** The schema object holding the failed keyword (its `description` says what was expected). */
  parentSchema: Record<string, unknown>;
  data: unknown;
}

/**
 * Returns a validator giving ajv's errors with their schema and value (ajv's verbose mode), for
 * callers that word their own messages: the lab file names line, column, key and the fix.
 */
export async function detailedValidatorFor(schema: object): Promise<(data: unknown) => DetailedAjvError[]> {
  const { Ajv } = await import('./ajv-class.js');
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : ((validate.errors ?? []) as unknown as DetailedAjvError[]));
}
