// ajv's class, for validatorFor to load lazily. ajv is CommonJS: a bundled bin keeps a CommonJS
// package's named exports only when it is imported statically, as here.
export { Ajv } from 'ajv';
