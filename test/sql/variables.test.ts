import { describe, expect, it } from 'vitest';
import { buildSqlUnits } from '../../src/sql/build-units.js';
import { substituteVariables } from '../../src/sql/variables.js';

describe('substituteVariables', () => {
  it('replaces ${name} everywhere, string literals included', () => {
    const sql =
      "CREATE TABLE t (a INT) WITH ('topic' = '${topic}', 'x' = '${topic}-dlq');\nINSERT INTO ${sink} SELECT * FROM t;";
    const result = substituteVariables(sql, { topic: 'orders', sink: 'out' });
    expect(result.text).toBe(
      "CREATE TABLE t (a INT) WITH ('topic' = 'orders', 'x' = 'orders-dlq');\nINSERT INTO out SELECT * FROM t;",
    );
    expect(result.unresolved).toEqual([]);
  });

  it('leaves unresolved variables as written and reports their exact original range', () => {
    const sql = "SELECT '${known}', '${missing}', ${other.name-2}";
    const result = substituteVariables(sql, { known: 'a-much-longer-value' });
    expect(result.text).toBe("SELECT 'a-much-longer-value', '${missing}', ${other.name-2}");
    expect(result.unresolved.map((u) => [u.name, sql.slice(u.range.start, u.range.end)])).toEqual([
      ['missing', '${missing}'],
      ['other.name-2', '${other.name-2}'],
    ]);
  });

  it('maps offsets of the substituted text back to the original', () => {
    const sql = "x = '${topic}' AND y = 1";
    const result = substituteVariables(sql, { topic: 'orders-prod' });
    const out = result.text;
    // Before the variable: unchanged.
    expect(result.toOriginal(out.indexOf('x'))).toBe(0);
    // Inside the value: the start of `${topic}`.
    const valueStart = out.indexOf('orders-prod');
    for (let k = 0; k < 'orders-prod'.length; k++)
      expect(result.toOriginal(valueStart + k)).toBe(sql.indexOf('${topic}'));
    // After it: shifted by the length difference.
    expect(result.toOriginal(out.indexOf('y'))).toBe(sql.indexOf('y'));
    expect(result.toOriginal(out.length)).toBe(sql.length);
  });

  it('widens a range that covers part of a value to the whole ${...}', () => {
    const sql = "WITH ('topic' = '${topic}')";
    const result = substituteVariables(sql, { topic: 'abc' });
    const literal = { start: result.text.indexOf("'abc'"), end: result.text.indexOf("'abc'") + 5 };
    const back = result.toOriginalRange(literal);
    expect(sql.slice(back.start, back.end)).toBe("'${topic}'");
    const inside = { start: result.text.indexOf('b'), end: result.text.indexOf('b') + 1 };
    const backInside = result.toOriginalRange(inside);
    expect(sql.slice(backInside.start, backInside.end)).toBe('${topic}');
  });

  it('maps correctly around empty values and adjacent variables', () => {
    const sql = '${a}${b}|${c}';
    const result = substituteVariables(sql, { a: '', b: 'BB', c: 'C' });
    expect(result.text).toBe('BB|C');
    expect(result.toOriginal(0)).toBe(sql.indexOf('${b}'));
    expect(result.toOriginal(2)).toBe(sql.indexOf('|'));
    expect(result.toOriginal(3)).toBe(sql.indexOf('${c}'));
  });

  it('turns $${name} into a literal ${name} that is neither substituted nor reported', () => {
    const sql = "'$${topic}' <> '${topic}'";
    const result = substituteVariables(sql, { topic: 'orders' });
    expect(result.text).toBe("'${topic}' <> 'orders'");
    expect(result.unresolved).toEqual([]);
    // The literal maps onto the original literal, one `$` later.
    expect(result.toOriginal(result.text.indexOf('${topic}'))).toBe(sql.indexOf('${topic}'));
    expect(result.toOriginal(result.text.indexOf('<>'))).toBe(sql.indexOf('<>'));
  });

  it('treats ${...} that is not a variable name as plain text', () => {
    const sql = 'a ${ spaced } ${} ${1x} $topic ${unclosed';
    const result = substituteVariables(sql, { spaced: 'no', '1x': 'no', topic: 'no', unclosed: 'no' });
    expect(result.text).toBe(sql);
    expect(result.unresolved).toEqual([]);
  });

  it('inserts values once, without expanding ${...} inside them', () => {
    const result = substituteVariables('${a}', { a: '${b}', b: 'no' });
    expect(result.text).toBe('${b}');
  });

  it('does not take inherited object properties for variables', () => {
    const result = substituteVariables('${constructor} ${toString}', {});
    expect(result.text).toBe('${constructor} ${toString}');
    expect(result.unresolved.map((u) => u.name)).toEqual(['constructor', 'toString']);
  });

  it('is linear: 50,000 lines with a variable on each, and a text full of stray ${', () => {
    const line = "INSERT INTO t SELECT '${topic}', '${missing}' FROM s;\n";
    const sql = line.repeat(50_000);
    let t0 = performance.now();
    const result = substituteVariables(sql, { topic: 'orders' });
    const substituteMs = performance.now() - t0;
    expect(result.unresolved).toHaveLength(50_000);
    t0 = performance.now();
    for (let o = 0; o < result.text.length; o += 97) result.toOriginal(o);
    const mapMs = performance.now() - t0;
    const stray = '${'.repeat(500_000) + '}';
    t0 = performance.now();
    substituteVariables(stray, {});
    const strayMs = performance.now() - t0;
    expect(substituteMs).toBeLessThan(500);
    expect(mapMs).toBeLessThan(500);
    expect(strayMs).toBeLessThan(500);
  });
});

describe('variables in comments, with blanks, and misspelt (issue 13)', () => {
  const build = (text: string, variables: Record<string, string>) =>
    buildSqlUnits([{ file: 'jobs/orders/main.sql', text }], {
      flinkVersion: '1.20',
      variables,
      environment: 'staging',
    });

  it('a ${name} inside a -- or /* */ comment is neither substituted nor reported', () => {
    const text = "-- reads ${orders_topic}, owner ${owner_team}\n/* ${also_missing} */ SELECT '${topic}';";
    const { units, diagnostics } = build(text, { topic: 'orders' });
    expect(diagnostics).toEqual([]);
    expect(units[0]!.text).toBe(
      "-- reads ${orders_topic}, owner ${owner_team}\n/* ${also_missing} */ SELECT 'orders';",
    );
  });

  it('the same ${name} outside a comment is still an error', () => {
    const { diagnostics } = build("-- ${owner_team}\nSELECT '${owner_team}';", {});
    expect(diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['sql/unresolved-variable', 2, 9]]);
  });

  it('an unresolved variable close to a defined one gets a "did you mean"', () => {
    const { diagnostics } = build("SELECT '${enriched_topik}';", { enriched_topic: 'x', other: 'y' });
    expect(diagnostics[0]!.message).toBe(
      'variable `${enriched_topik}` has no value for environment `staging`; did you mean `${enriched_topic}`?',
    );
    expect(diagnostics[0]!.hint).toContain('write `${enriched_topic}`');
  });

  it('a variable unlike any defined one gets no suggestion', () => {
    const { diagnostics } = build("SELECT '${warehouse}';", { enriched_topic: 'x' });
    expect(diagnostics[0]!.message).toBe('variable `${warehouse}` has no value for environment `staging`');
  });

  it('`${ topic }` with blanks is reported at its position, not silently left in the SQL', () => {
    const text = "SELECT '${ topic }', '${topic}', '$${ topic }';";
    const { units, diagnostics } = build(text, { topic: 'orders' });
    expect(units[0]!.text).toBe("SELECT '${ topic }', 'orders', '$${ topic }';");
    expect(diagnostics.map((d) => [d.rule, d.column, d.endColumn, d.hint])).toEqual([
      ['sql/unresolved-variable', 9, 19, 'write `${topic}` with no spaces'],
    ]);
  });
});
