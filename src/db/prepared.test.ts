import { describe, expect, it } from 'vitest';
import { preparedName } from './prepared';

describe('preparedName', () => {
  it('reads the name of a marked statement', () => {
    expect(preparedName('/* prepare:log_nodes_by_id */\n select 1')).toBe('log_nodes_by_id');
  });

  it('leaves unmarked statements and markers later in the text alone', () => {
    expect(preparedName('select 1')).toBeUndefined();
    expect(preparedName('select 1 /* prepare:late */')).toBeUndefined();
    expect(preparedName('/* prepare:Bad-Name */ select 1')).toBeUndefined();
  });
});
