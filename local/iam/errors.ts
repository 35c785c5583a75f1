/** A policy uses something the local evaluator does not read: refused, naming it, rather than evaluated wrongly. */
class PolicyEvaluationError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'PolicyEvaluationError';
  }
}

export { PolicyEvaluationError };
