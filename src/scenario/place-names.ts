import type { Random } from './random';

/** Invented place names: county and township names from syllables, each used once. */

type Syllable = readonly [zh: string, pinyin: string];

const countyFirst: readonly Syllable[] = [
  ['雪', 'Xue'],
  ['云', 'Yun'],
  ['石', 'Shi'],
  ['松', 'Song'],
  ['兰', 'Lan'],
  ['青', 'Qing'],
  ['白', 'Bai'],
  ['金', 'Jin'],
  ['玉', 'Yu'],
  ['翠', 'Cui'],
  ['岩', 'Yan'],
  ['星', 'Xing'],
  ['霞', 'Xia'],
  ['鹰', 'Ying'],
  ['虹', 'Hong'],
  ['银', 'Yin'],
  ['泉', 'Quan'],
  ['林', 'Lin'],
  ['草', 'Cao'],
  ['花', 'Hua'],
  ['月', 'Yue'],
  ['丹', 'Dan'],
  ['碧', 'Bi'],
  ['紫', 'Zi'],
];
const countySecond: readonly Syllable[] = [
  ['岭', 'ling'],
  ['川', 'chuan'],
  ['原', 'yuan'],
  ['坝', 'ba'],
  ['谷', 'gu'],
  ['塘', 'tang'],
  ['湖', 'hu'],
  ['峰', 'feng'],
  ['溪', 'xi'],
  ['山', 'shan'],
  ['岗', 'gang'],
  ['滩', 'tan'],
  ['沟', 'gou'],
  ['洲', 'zhou'],
  ['台', 'tai'],
  ['坪', 'ping'],
  ['湾', 'wan'],
  ['口', 'kou'],
  ['城', 'cheng'],
  ['河', 'he'],
];
const placeSyllables: readonly Syllable[] = [
  ['拉', 'la'],
  ['达', 'da'],
  ['扎', 'zha'],
  ['曲', 'qu'],
  ['嘎', 'ga'],
  ['多', 'duo'],
  ['索', 'suo'],
  ['朗', 'lang'],
  ['措', 'cuo'],
  ['卡', 'ka'],
  ['仁', 'ren'],
  ['旺', 'wang'],
  ['吉', 'ji'],
  ['巴', 'ba'],
  ['加', 'jia'],
  ['觉', 'jue'],
  ['雄', 'xiong'],
  ['麦', 'mai'],
  ['琼', 'qiong'],
  ['岗', 'gang'],
  ['热', 're'],
  ['贡', 'gong'],
  ['帕', 'pa'],
  ['则', 'ze'],
  ['玛', 'ma'],
  ['宗', 'zong'],
  ['孜', 'zi'],
  ['堆', 'dui'],
  ['松', 'song'],
  ['果', 'guo'],
  ['布', 'bu'],
  ['隆', 'long'],
  ['木', 'mu'],
  ['那', 'na'],
  ['桑', 'sang'],
  ['秀', 'xiu'],
];

export type PlaceName = { zh: string; pinyin: string };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Draws invented place names, never the same twice: two syllables while the combinations
 * last, then three.
 */
export class PlaceNamer {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  county(): PlaceName {
    return this.draw(() => [this.random.pick(countyFirst), this.random.pick(countySecond)], placeSyllables);
  }

  township(): PlaceName {
    return this.draw(
      () => [this.random.pick(placeSyllables), this.random.pick(placeSyllables)],
      placeSyllables,
    );
  }

  private draw(two: () => Syllable[], extra: readonly Syllable[]): PlaceName {
    for (let attempt = 0; attempt < 40; attempt++) {
      const parts = attempt < 20 ? two() : [...two(), this.random.pick(extra)];
      const zh = parts.map((p) => p[0]).join('');
      if (this.used.has(zh)) continue;
      this.used.add(zh);
      return {
        zh,
        pinyin: capitalise(
          parts
            .map((p) => p[1])
            .join('')
            .toLowerCase(),
        ),
      };
    }
    // Vanishingly rare: fall back to a numbered name so the generator always terminates.
    const parts = two();
    const zh = `${parts.map((p) => p[0]).join('')}${this.used.size}`;
    this.used.add(zh);
    return {
      zh,
      pinyin: `${capitalise(
        parts
          .map((p) => p[1])
          .join('')
          .toLowerCase(),
      )} ${this.used.size}`,
    };
  }
}
