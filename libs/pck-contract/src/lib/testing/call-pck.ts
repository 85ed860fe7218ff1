import { parseResponse, serializeRequest } from '../codec/codec';
import type { OperationName, RequestOf, ResponseOf } from '../model';

export interface SoapAnswer {
  status: number;
  body: string;
  contentType: string;
}

/** Posts a SOAP envelope as PCK's .NET proxy does (text/xml, empty SOAPAction); `headers` add to or replace those. */
export async function postSoap(
  soapUrl: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<SoapAnswer> {
  // A copy as a plain Uint8Array: fetch's types take no Buffer over a shared ArrayBuffer.
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  const res = await fetch(soapUrl, {
    method: 'POST',
    body: payload,
    headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '""', ...headers },
  });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

/** Calls an operation as PCK's .NET proxy would and reads the answer back with the contract's parser. */
export async function callPck<O extends OperationName>(
  soapUrl: string,
  operation: O,
  payload: RequestOf<O>,
): Promise<{ status: number; result: ResponseOf<O>; body: string }> {
  const res = await postSoap(soapUrl, serializeRequest(operation, payload));
  if (!res.body.includes(`${operation}Response`)) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 500)}`);
  return { status: res.status, result: parseResponse(operation, res.body).result, body: res.body };
}
