import { escapeText } from './encode';

export type SoapVersion = '1.1' | '1.2';

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';
/** Deltasoft's target namespace. */
export const WEBSHOP_NS = 'http://webservice.webshop.deltasoft.no/';

export function envelopeNamespace(v: SoapVersion): string {
  return v === '1.1' ? SOAP11_ENVELOPE_NS : SOAP12_ENVELOPE_NS;
}

/** HTTP Content-Type for a response in this SOAP version. */
export function contentTypeFor(v: SoapVersion): string {
  return v === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8';
}

export function wrapEnvelope(v: SoapVersion, body: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${envelopeNamespace(v)}"><soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

export interface SoapFault {
  /** Client (SOAP 1.2: Sender) = the request was wrong; Server (1.2: Receiver) = our problem. */
  code: 'Client' | 'Server';
  message: string;
}

/** HTTP status to send with a fault (SOAP 1.1 uses 500 for all faults; 1.2 uses 400 for Sender). */
export function faultHttpStatus(fault: SoapFault, v: SoapVersion): number {
  return v === '1.2' && fault.code === 'Client' ? 400 : 500;
}

/** A complete fault envelope in the given SOAP version (1.1 unless the request was 1.2). */
export function serializeFault(fault: SoapFault, soapVersion: SoapVersion = '1.1'): string {
  const msg = escapeText(fault.message);
  if (soapVersion === '1.1') {
    return wrapEnvelope(
      '1.1',
      `<soap:Fault><faultcode>soap:${fault.code}</faultcode><faultstring>${msg}</faultstring></soap:Fault>`,
    );
  }
  const code = fault.code === 'Client' ? 'Sender' : 'Receiver';
  return wrapEnvelope(
    '1.2',
    `<soap:Fault><soap:Code><soap:Value>soap:${code}</soap:Value></soap:Code>` +
      `<soap:Reason><soap:Text xml:lang="en">${msg}</soap:Text></soap:Reason></soap:Fault>`,
  );
}
