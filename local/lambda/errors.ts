/** Errors of the local Lambda pool, named as the Lambda API names them (the engine maps them to `Lambda.<name>`). */
class LambdaPoolError extends Error {
  public constructor(name: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = name;
  }
}

export { LambdaPoolError };
