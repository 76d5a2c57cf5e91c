import { test } from 'vitest';
import { dtValidate } from '/work/main/test/support/dt-sql-parser.js';
test('x', () => { console.log(dtValidate('SELEC * from t;\nSELECT 1;'), dtValidate('SELECT 1')); });
