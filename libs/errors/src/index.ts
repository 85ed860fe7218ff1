export { PcknopError, withDetail, type PcknopErrorOptions } from './lib/pcknop-error';
