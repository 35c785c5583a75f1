/** Errors of reading template.yaml into the local manifest. */
class ManifestError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ManifestError';
  }
}

export { ManifestError };
