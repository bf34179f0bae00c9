/**
 * `error` with the path of the construct that threw it in front of its message, the way
 * aws-cdk-lib shows the errors it finds at synth: `[Stack/Connector] \`subnets\` must …`.
 * The error itself is kept (its class and stack), only its message changes. Anything
 * thrown that is not an Error is returned as it is.
 */
export function withConstructPath(error: unknown, path: string): unknown {
  if (!(error instanceof Error)) {
    return error;
  }
  const original = error.message;
  error.message = `[${path}] ${original}`;
  if (typeof error.stack === 'string') {
    error.stack = error.stack.replace(original, error.message);
  }
  return error;
}

/** The path a construct with `id` gets in `scope`, for errors thrown before it exists. */
export function childPath(scopePath: string, id: string): string {
  return scopePath === '' ? id : `${scopePath}/${id}`;
}
