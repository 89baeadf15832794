// npm run bench: prints the figures the issues name, measured side by side in one run.
import { cpus, totalmem } from 'node:os';
import { benchBuild, benchHelp } from './builder.bench.js';
import { benchComplete } from './complete.bench.js';
import { benchCustomize } from './customize.bench.js';
import { benchImages } from './images.bench.js';
import { benchInstall } from './install.bench.js';
import { benchPeek } from './peek.bench.js';
import { benchUp } from './up.bench.js';
import { benchUpReady } from './up-ready.bench.js';

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
console.log(`rejviz benchmarks on ${machine}, ${new Date().toISOString()}`);
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
if (want('help')) for (const line of await benchHelp()) console.log(line);
if (want('build')) for (const line of await benchBuild()) console.log(line);
if (want('customize')) for (const line of await benchCustomize()) console.log(line);
if (want('install')) for (const line of await benchInstall()) console.log(line);
if (want('peek')) for (const line of await benchPeek()) console.log(line);
if (want('complete')) for (const line of await benchComplete()) console.log(line);
if (want('up')) for (const line of await benchUp()) console.log(line);
if (want('up-ready')) for (const line of await benchUpReady()) console.log(line);
if (want('images')) for (const line of await benchImages()) console.log(line);
else if (only.includes('images-link')) for (const line of await benchImages(5, true)) console.log(line);
