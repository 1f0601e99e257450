import { describe, expect, it } from 'vitest';
import { namesIn } from './patient-names';

describe('namesIn', () => {
  it('reads one name per line, or separated by commas and 、, trimmed, blanks dropped', () => {
    expect(namesIn(' 卓玛央宗 \n\n次仁、格桑，阿卜杜拉·买买提\r\nZhuoma Yangzong;')).toEqual([
      '卓玛央宗',
      '次仁',
      '格桑',
      '阿卜杜拉·买买提',
      'Zhuoma Yangzong',
    ]);
    expect(namesIn('  \n ')).toEqual([]);
  });
});
