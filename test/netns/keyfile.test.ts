// The netns tier for the keyfile format: rendered files applied by the real stack in namespaces.
import { registerStackTests } from './stack-tests.js';

registerStackTests(['nm']);
