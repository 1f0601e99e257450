import { afterAll, describe, expect, it } from 'vitest';
import { ThreadPool } from './thread-pool';

type Message = { id: number; text: string; last: boolean };
const pool = new ThreadPool<Message>(
  new URL('./thread-pool.fixture.ts', import.meta.url),
  (id, error) => ({ id, text: `crashed: ${error.message}`, last: true }),
  1,
);
afterAll(() => pool.close());

const ask = async (request: { text: string; crash?: boolean }) => {
  const seen: string[] = [];
  await pool.run(request, (m) => {
    seen.push(m.text);
    return m.last;
  });
  return seen;
};

describe('ThreadPool', () => {
  it('hands each request every message for it, and runs requests side by side', async () => {
    const answers = await Promise.all([ask({ text: 'ab' }), ask({ text: 'cd' }), ask({ text: 'ef' })]);
    expect(answers).toEqual([
      ['ab…', 'AB'],
      ['cd…', 'CD'],
      ['ef…', 'EF'],
    ]);
  }, 30_000);

  it('answers a crashed thread’s request with the crash, and goes on with a fresh thread', async () => {
    expect(await ask({ text: 'x', crash: true })).toEqual(['crashed: asked to crash']);
    expect(await ask({ text: 'after' })).toEqual(['after…', 'AFTER']);
  }, 30_000);
});
