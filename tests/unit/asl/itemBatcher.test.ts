import { batchItems } from '../../../local/asl/distributed/itemBatcher';

describe('Function: batchItems()', () => {
  it('closes a batch at MaxItemsPerBatch', () => {
    // Act
    const batches = batchItems([1, 2, 3, 4, 5], { maxItems: 2 });

    // Assess
    expect(batches.map((batch) => batch.input)).toEqual([{ Items: [1, 2] }, { Items: [3, 4] }, { Items: [5] }]);
    expect(batches.map((batch) => batch.itemCount)).toEqual([2, 2, 1]);
  });

  it('adds BatchInput to every batch', () => {
    // Act
    const batches = batchItems(['a', 'b'], { maxItems: 1, batchInput: { runId: 'r1' } });

    // Assess
    expect(batches.map((batch) => batch.input)).toEqual([
      { BatchInput: { runId: 'r1' }, Items: ['a'] },
      { BatchInput: { runId: 'r1' }, Items: ['b'] },
    ]);
  });

  it('closes a batch before its JSON would pass MaxInputBytesPerBatch', () => {
    // Prepare
    const items = ['aaaa', 'bbbb', 'cccc'];

    // Act
    const batches = batchItems(items, { maxBytes: JSON.stringify({ Items: ['aaaa', 'bbbb'] }).length });

    // Assess
    expect(batches.map((batch) => batch.input.Items)).toEqual([['aaaa', 'bbbb'], ['cccc']]);
    for (const batch of batches) expect(JSON.stringify(batch.input).length).toBeLessThanOrEqual(JSON.stringify({ Items: ['aaaa', 'bbbb'] }).length);
  });

  it('gives an item larger than the byte limit a batch of its own', () => {
    // Act
    const batches = batchItems(['x', 'y'.repeat(100), 'z'], { maxBytes: 30 });

    // Assess
    expect(batches.map((batch) => batch.itemCount)).toEqual([1, 1, 1]);
  });

  it('makes no batch for no items', () => {
    // Act & Assess
    expect(batchItems([], { maxItems: 3 })).toEqual([]);
  });
});
