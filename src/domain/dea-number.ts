/**
 * DEA registration numbers: two letters then seven digits; with digits d1..d7,
 * (d1 + d3 + d5) + 2 × (d2 + d4 + d6) must end in d7.
 */
const DEA_SHAPE = /^[A-Z]{2}\d{7}$/;

export type DeaCheck = 'ok' | 'shape' | 'checkDigit';

export function checkDeaNumber(value: string): DeaCheck {
  if (!DEA_SHAPE.test(value)) return 'shape';
  const d = value.slice(2).split('').map(Number);
  const sum = d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!);
  return sum % 10 === d[6] ? 'ok' : 'checkDigit';
}
