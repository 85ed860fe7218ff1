/** GTIN/EAN check digit (mod 10, weights 3 and 1 from the right), for 8, 12, 13 or 14 digit codes. */
export function eanCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError(`not digits: ${body}`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidEan(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  return eanCheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/**
 * An EAN-13 with the Norwegian GS1 prefix 70, a 5-digit company number and a 5-digit item number.
 * Distinct (company, item) pairs give distinct codes.
 */
export function norwegianEan13(company: number, item: number): string {
  const body = `70${String(company % 100000).padStart(5, '0')}${String(item % 100000).padStart(5, '0')}`;
  return body + String(eanCheckDigit(body));
}
