// Generates pinyin-table.txt: the most common Mandarin reading, without tone (ü written as v), of every
// character in the CJK Unified Ideographs block U+4E00..U+9FFF, one line per code point in order, empty where the
// dictionary has none. The matcher compares readings to forgive homophone typos (几填 for 几天, 包油 for 包邮).
// Source: the npm package pinyin-pro 3.29.4 (https://github.com/zh-lx/pinyin-pro), MIT licence.
// Usage: npm install pinyin-pro@3.29.4 && node generate-pinyin-table.mjs > pinyin-table.txt
import { pinyin } from 'pinyin-pro';

const lines = [];
for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
  const reading = pinyin(String.fromCodePoint(cp), { toneType: 'none', type: 'string', v: true });
  lines.push(/^[a-z]+$/.test(reading) ? reading : '');
}
process.stdout.write(lines.join('\n') + '\n');
