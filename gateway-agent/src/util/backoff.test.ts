import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles up to the ceiling and starts again after a reset', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoff.failures).toBe(5);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });

  it('shortens delays by the drawn jitter', () => {
    const backoff = new Backoff({ initialMs: 1000, maxMs: 8000, jitter: 0.5, random: () => 0.5 });
    expect([backoff.next(), backoff.next()]).toEqual([750, 1500]);
  });
});
