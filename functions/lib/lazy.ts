/**
 * A value built on first call and kept for the life of the process. Used for modules a function loads when its code
 * path first needs them rather than at init (a Lambda cold start is everything loaded at module scope), and for
 * clients built once per process.
 *
 * @example
 * const iconv = lazy(() => require('iconv-lite') as typeof import('iconv-lite'));
 * iconv().decode(bytes, 'windows-1252');
 */
const lazy = <T>(create: () => T): (() => T) => {
  let instance: T | undefined;
  return () => (instance ??= create());
};

export { lazy };
