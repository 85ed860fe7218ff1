import pino, { type Logger } from 'pino';

// Every spelling of a secret or image payload that can reach a log line, at the depths we log objects.
const SECRET_KEYS = [
  'password',
  'pckPassword',
  'token',
  'authorization',
  'image',
  'shopSecret',
  'credentials',
  'data',
  'secret',
];

/** JSON logs; credentials, tokens and image bytes never reach them. */
export function createLogger(name: string, level = 'info'): Logger {
  const paths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  return pino({
    name,
    level,
    redact: {
      paths: [...paths, 'req.headers.authorization', 'req.headers.cookie', 'req.body'],
      censor: '[redacted]',
    },
  });
}
