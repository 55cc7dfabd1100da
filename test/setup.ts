// Runs before every test file (vitest.config.ts setupFiles). Its afterAll is registered first,
// so it runs after the file's own afterAll hooks, once what they stop has stopped.
import { afterAll } from 'vitest';
import { removeFileTemps } from './helpers/temp';

afterAll(removeFileTemps);
