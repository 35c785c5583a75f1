/**
 * Names of a service in its three spellings: the lowercase name in `aws-sdk:<service>` resources (`dynamodb`,
 * `acmpca`, `cloudwatchlogs`), the AWS SDK for JavaScript v3 package (`@aws-sdk/client-acm-pca`), and the PascalCase
 * prefix Step Functions gives the service's errors (`DynamoDb.`, `AcmPca.`, `CloudWatchLogs.`).
 */

/**
 * The prefix of the errors the AWS SDK integrations report for a service, from the SDK's service id.
 *
 * Step Functions runs the AWS SDK integrations on the AWS SDK for Java 2.x and names errors after its client: each
 * word of the service id (split at spaces and at camel-case/acronym boundaries) capitalised, the rest in lower case.
 * The developer guide's own examples: `ACM PCA` → `AcmPca`, `DynamoDB` → `DynamoDb`, `S3` → `S3`.
 *
 * @example
 * errorServiceName('DynamoDB'); // 'DynamoDb'
 * errorServiceName('CloudWatch Logs'); // 'CloudWatchLogs'
 */
const errorServiceName = (serviceId: string): string =>
  (serviceId.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [serviceId])
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('');

/** The v3 client package that most likely serves `aws-sdk:<service>`: the same name (true for most services). */
const defaultClientPackage = (service: string): string => `@aws-sdk/client-${service}`;

/**
 * Whether a v3 client package serves `aws-sdk:<service>`: Step Functions writes the service id without spaces in
 * lower case (`acmpca`), the SDK package puts hyphens between the words (`client-acm-pca`).
 */
const packageServes = (packageName: string, service: string): boolean =>
  packageName.startsWith('client-') && packageName.slice('client-'.length).replace(/-/g, '') === service;

export { defaultClientPackage, errorServiceName, packageServes };
