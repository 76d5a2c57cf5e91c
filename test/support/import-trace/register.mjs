// `node --import ./register.mjs …`: installs hooks.mjs before the program's first import.
import { register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url));
