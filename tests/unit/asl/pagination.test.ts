import { paginate } from '../../../local/asl/pagination';

const items = Array.from({ length: 250 }, (_, index) => index);

describe('Function: paginate()', () => {
  it('pages 100 at a time by default and hands out a token for the rest', () => {
    // Act
    const first = paginate(items, {}, 'list');
    const second = paginate(items, { nextToken: first.nextToken }, 'list');
    const third = paginate(items, { nextToken: second.nextToken }, 'list');

    // Assess
    expect([first.items.length, second.items.length, third.items.length]).toEqual([100, 100, 50]);
    expect(third.nextToken).toBeUndefined();
    expect(third.items.at(-1)).toBe(249);
  });

  it.each([
    ['a token from another listing', { nextToken: paginate(items, { maxResults: 1 }, 'other').nextToken }, 'InvalidToken'],
    ['a token that is not one', { nextToken: '%%%' }, 'InvalidToken'],
    ['maxResults over 1000', { maxResults: 1001 }, 'ValidationException'],
  ])('refuses %s', (_what, input, name) => {
    // Act & Assess
    expect(() => paginate(items, input, 'list')).toThrow(expect.objectContaining({ name }));
  });
});
