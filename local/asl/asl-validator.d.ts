/** Types for `asl-validator` 4 (the package ships none): the validator function and its result. */
declare module 'asl-validator' {
  type ValidationError = { 'Error code': string; Message: string; schemaError?: { instancePath?: string } };
  type ValidationResult = { isValid: boolean; errors: ValidationError[]; errorsText(separator?: string): string };
  const validator: (definition: object, options?: { checkPaths?: boolean; checkArn?: boolean }) => ValidationResult;
  export default validator;
}
