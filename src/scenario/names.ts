import type { Random } from './random';

/** Fictional names: common Han surnames and given-name characters, Tibetan-style given names (places: place-names.ts). */

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
  '钟',
  '谭',
  '陆',
  '汪',
  '范',
  '金',
  '石',
  '廖',
  '贾',
  '夏',
  '韦',
  '付',
  '方',
  '白',
  '邹',
  '孟',
  '熊',
  '秦',
] as const;
const givenMale = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '斌',
  '超',
  '明',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '鑫',
  '波',
  '宇',
  '浩',
  '凯',
  '健',
  '俊',
  '帆',
  '帅',
  '旭',
  '宁',
  '龙',
  '林',
  '阳',
  '晨',
  '博',
  '文',
  '志',
  '国',
  '建',
  '立',
  '海',
  '东',
  '峰',
  '成',
  '亮',
  '新',
  '广',
  '庆',
  '振',
  '德',
  '永',
] as const;
const givenFemale = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '燕',
  '玲',
  '丹',
  '萍',
  '红',
  '梅',
  '琳',
  '婷',
  '雪',
  '慧',
  '颖',
  '倩',
  '洁',
  '莉',
  '兰',
  '晶',
  '璐',
  '欣',
  '佳',
  '怡',
  '悦',
  '蕾',
  '薇',
  '琴',
  '云',
  '露',
  '妍',
  '楠',
] as const;
const givenEither = [
  '晓',
  '思',
  '雨',
  '子',
  '文',
  '佳',
  '嘉',
  '一',
  '安',
  '雅',
  '天',
  '家',
  '春',
  '秋',
  '清',
  '新',
] as const;
const tibetanMale = [
  '扎西',
  '次仁',
  '旦增',
  '多吉',
  '格桑',
  '达瓦',
  '尼玛',
  '平措',
  '洛桑',
  '顿珠',
  '索朗',
  '罗布',
  '巴桑',
  '边巴',
  '普布',
  '米玛',
] as const;
const tibetanFemale = [
  '卓玛',
  '央金',
  '拉姆',
  '德吉',
  '曲珍',
  '白玛',
  '次珍',
  '措姆',
  '旺姆',
  '玉珍',
  '桑珍',
  '仓决',
  '益西',
  '琼达',
  '达珍',
  '美朵',
] as const;

export type Gender = 'female' | 'male';

/** A Han name: surname and one or two given-name characters. */
export function hanName(random: Random, gender: Gender): string {
  const given = gender === 'male' ? givenMale : givenFemale;
  if (random.chance(0.3)) return random.pick(surnames) + random.pick(given);
  const first = random.chance(0.5) ? random.pick(givenEither) : random.pick(given);
  return random.pick(surnames) + first + random.pick(given);
}

/** A Tibetan-style four-character name (two common given names), as is usual on the plateau. */
export function tibetanName(random: Random, gender: Gender): string {
  const first = random.chance(0.5)
    ? random.pick(tibetanMale)
    : random.pick(gender === 'male' ? tibetanMale : tibetanFemale);
  let second: string = random.pick(gender === 'male' ? tibetanMale : tibetanFemale);
  if (second === first) second = gender === 'male' ? '仁青' : '卓嘎';
  return first + second;
}

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 23 → 二十三, 105 → 一百零五 (for batch names and numbered institutions). */
export function chineseNumeral(n: number): string {
  if (n < 10) return digits[n] as string;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  const rest = n % 100;
  const tail =
    rest === 0
      ? ''
      : rest < 10
        ? `零${digits[rest]}`
        : rest < 20
          ? `一${chineseNumeral(rest)}`
          : chineseNumeral(rest);
  return `${chineseNumeral(Math.floor(n / 100))}百${tail}`;
}

/** A mobile number of the form 1[3-9]XXXXXXXXX. */
export function mobilePhone(random: Random): string {
  let rest = '';
  for (let i = 0; i < 9; i++) rest += String(random.int(0, 9));
  return `1${random.pick(['3', '5', '7', '8', '9'])}${rest}`;
}
