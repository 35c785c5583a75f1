import { evaluateIntrinsic } from '../../../../local/asl/jsonpath';
import { scopeOf } from './helpers';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Function: evaluateIntrinsic() — States.UUID', () => {
  it('returns a version 4 UUID', () => {
    expect(evaluateIntrinsic('States.UUID()', scopeOf({}))).toMatch(V4);
  });

  it('returns a different UUID on each call', () => {
    // Act
    const ids = new Set(Array.from({ length: 50 }, () => evaluateIntrinsic('States.UUID()', scopeOf({}))));

    // Assess
    expect(ids.size).toBe(50);
  });

  it('can be nested in another intrinsic function', () => {
    expect(evaluateIntrinsic("States.Format('run-{}', States.UUID())", scopeOf({}))).toMatch(/^run-[0-9a-f-]{36}$/);
  });
});
