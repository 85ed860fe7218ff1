import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import type { CallContext } from './operation-context';

const megabytes = (bytes: number): string =>
  `${(bytes / (1024 * 1024)).toLocaleString('nb-NO', { maximumFractionDigits: 1 })} MB`;

/**
 * An image larger than GATEWAY_MAX_IMAGE_BYTES is refused before it is staged (operationResult 1, naming the
 * limit): whole images travel in the scheduler's batches, and one that size cannot reach the shop anyway.
 */
export function checkImageSize(ctx: CallContext, image: Uint8Array | undefined): void {
  const limit = ctx.services.maxImageBytes;
  if (!image || image.byteLength <= limit) return;
  throw new GatewayError(
    GatewayErrorCode.ImageTooLarge,
    `Bildet er ${megabytes(image.byteLength)}; største tillatte størrelse er ${megabytes(limit)} (${limit} byte). Forminsk bildet og send det på nytt.`,
  );
}
