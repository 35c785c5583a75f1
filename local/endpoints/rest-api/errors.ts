/** The API contract asks for something the local endpoint cannot serve faithfully. */
class RestApiConfigError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RestApiConfigError';
  }
}

export { RestApiConfigError };
