/** Keys whose string values are credentials: apiKey, apiKeys, githubToken, x-api-key, clientSecret, password… */
const SECRET_NAME = /key|token|secret|password|passwd|authorization|cookie|credential/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}
