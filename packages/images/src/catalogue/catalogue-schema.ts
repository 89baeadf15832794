// JSON Schema of catalogue.json: shapes and formats. What a schema cannot say (placeholders,
// https, keys present exactly when something is signed) is catalogue-rules.ts.

const url = { type: 'string', pattern: '^(https?|file)://', description: 'A URL pattern; {arch} is replaced' };

const keySource = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['file'], properties: { file: { type: 'string', pattern: '^/' }, package: { type: 'string' } } },
    { type: 'object', additionalProperties: false, required: ['url'], properties: { url } },
  ],
};

const key = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'fingerprint', 'sources'],
  properties: {
    name: { type: 'string', minLength: 1 },
    fingerprint: { type: 'string', pattern: '^[0-9A-F]{40}$', description: 'The full fingerprint: 40 uppercase hex digits, no spaces' },
    sources: { type: 'array', minItems: 1, items: keySource },
  },
};

const signature = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['kind', 'note'], properties: { kind: { const: 'none' }, note: { type: 'string', minLength: 1 } } },
    { type: 'object', additionalProperties: false, required: ['kind', 'url'], properties: { kind: { const: 'detached' }, url } },
    { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { const: 'clearsigned' } } },
  ],
};

const entry = {
  type: 'object',
  additionalProperties: false,
  required: ['description', 'osinfo', 'image', 'arches', 'format', 'alias', 'checksum', 'signature', 'keys'],
  properties: {
    description: { type: 'string', minLength: 1 },
    osinfo: { type: 'string', minLength: 1 },
    image: url,
    arches: { type: 'object', minProperties: 1, additionalProperties: { type: 'string', pattern: '^[a-z0-9_]+$' } },
    format: { enum: ['qcow2', 'raw'] },
    alias: { type: 'boolean' },
    checksum: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'algorithm', 'perImage'],
      properties: { url, algorithm: { enum: ['sha256', 'sha512'] }, perImage: { type: 'boolean' } },
    },
    signature,
    keys: { type: 'array', items: key },
    archive: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: url, to: url } },
  },
};

export const CATALOGUE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'entries'],
  properties: {
    version: { const: 1 },
    entries: { type: 'object', propertyNames: { pattern: '^[a-z][a-z0-9.-]*$' }, additionalProperties: entry },
  },
} as const;
