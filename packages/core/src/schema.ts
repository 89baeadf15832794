// JSON Schema validation with ajv, loaded only when something is validated (ajv's import and
// compile cost stay out of --help and plain runs).

/** Returns a validator giving one "path: message" line per problem. */
export async function validatorFor(schema: object): Promise<(data: unknown) => string[]> {
  const { Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  return (data) => {
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => {
      const where = e.instancePath || '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : '';
      return `${where}: ${e.message ?? 'invalid'}${extra}`;
    });
  };
}
