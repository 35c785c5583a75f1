import { renderTable } from '../report';
import { median } from '../stats';

describe('Function: renderTable()', () => {
  it('pads every column to its widest cell, left or right as asked', () => {
    // Act
    const table = renderTable(['name', 'lines/s'], [['raw', '27,161'], ['end to end', '5,102']], ['left', 'right']);

    // Assess
    expect(table.split('\n')).toEqual(['name        lines/s', '----------  -------', 'raw          27,161', 'end to end    5,102']);
  });
});

describe('Function: median()', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
  ])('of %p is %p', (values, expected) => {
    // Act & Assess
    expect(median(values)).toBe(expected);
  });

  it('refuses an empty list', () => {
    // Act & Assess
    expect(() => median([])).toThrow(RangeError);
  });
});
