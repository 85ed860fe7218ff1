import pino, { type Logger } from 'pino';

/** JSON logs; credentials, tokens and image bytes never reach them. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        '*.*.password',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
        'image',
        '*.image',
        'shopSecret',
        '*.shopSecret',
      ],
      censor: '[redacted]',
    },
  });
}
