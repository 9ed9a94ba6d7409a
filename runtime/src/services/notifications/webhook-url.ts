import { badRequest } from '../../infra/errors.ts';

/**
 * A webhook URL as stored: absolute http:// or https://, with a host, no fragment. Anything
 * else is the caller's mistake (400). The URL is a secret of its owner (a robot's token is in
 * it): it is shown only to the owner and admins.
 */
export function checkWebhookUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badRequest(`'${text.slice(0, 200)}' is not a URL; a webhook needs an http:// or https:// address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest(`a webhook URL must be http:// or https://, not ${url.protocol}//`);
  if (url.hostname === '') throw badRequest('a webhook URL needs a host');
  if (url.hash !== '') throw badRequest('a webhook URL has no #fragment');
  return url.toString();
}
