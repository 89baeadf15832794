// Another process pulling an image, as a second rejviz-up run would (or one started with
// NODE_EXTRA_CA_CERTS, to trust a test mirror's certificate): argv[2] is a JSON
// { spec, options, env }; prints the result, or the error's failure and message, as JSON.
import { createRunner, installStopHandlers, InterruptedError } from '@rejviz/core';
import { ImageError, pullImage, type ImageSpec, type PullOptions } from '../../src/index.js';

const { spec, options, env, stopHandlers } = JSON.parse(process.argv[2]!) as { spec: ImageSpec; options: PullOptions; env: NodeJS.ProcessEnv; stopHandlers?: boolean };
// As a bin does (runCommand): a signal aborts core's stopSignal, and the pull ends with it.
if (stopHandlers) installStopHandlers();
try {
  const got = await pullImage(spec, options, { runner: createRunner({ env }), env, notice: (text) => void process.stderr.write(`${text}\n`) });
  process.stdout.write(`${JSON.stringify({ path: got.path, fromCache: got.fromCache, level: got.entry.record.verification.level })}\n`);
} catch (err) {
  if (err instanceof InterruptedError) {
    process.stdout.write(`${JSON.stringify({ interrupted: err.signal, message: err.message })}\n`);
    process.exit(err.exitCode);
  }
  if (!(err instanceof ImageError)) throw err;
  process.stdout.write(`${JSON.stringify({ failure: err.failure, message: err.message })}\n`);
}
