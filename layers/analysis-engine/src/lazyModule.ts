/**
 * A module loaded on first use rather than when the layer loads. Lambda bills and waits for everything a function
 * loads at init; the parsers are most of this layer, and a batch of one language needs one of them (an ABAP batch
 * none of the JavaScript parsers, a code-base phase no parser at all). The layer build puts each parser package in a
 * file of its own (build.ts), so a parser not needed is not even compiled.
 *
 * @example
 * const meriyah = lazyModule(() => require('meriyah') as typeof import('meriyah'));
 * meriyah().parseScript(text);
 */
const lazyModule = <T>(load: () => T): (() => T) => {
  let loaded: T | undefined;
  return () => (loaded ??= load());
};

export { lazyModule };
