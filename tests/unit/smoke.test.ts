import middy from '@middy/core';
test('middy', async () => { expect(await middy(async (e: {x:number}) => e.x)({x: 2}, {} as never)).toBe(2); });
