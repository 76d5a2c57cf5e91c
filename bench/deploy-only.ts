// `npm run bench -- deploy`: only the deploy section.
import { printDeployBench } from './deploy.js';

printDeployBench();
