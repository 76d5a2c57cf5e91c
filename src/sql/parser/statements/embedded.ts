/**
 * The query and expression parsers (`../query.js`, `../expression.js`), reached through
 * this one module so statement parsers have a single seam to them.
 */
export { parseExpression } from '../expression.js';
export { isQueryStart, parseQuery, parseTableHints } from '../query.js';
